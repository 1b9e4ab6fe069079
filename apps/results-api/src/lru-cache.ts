/**
 * The byte-bounded LRU of @lsl/ledger-store (the one the state caches are made of), under the
 * name the response caches of routes.ts know it by.
 */
export { ByteLru as WeightedLru } from '@lsl/ledger-store';

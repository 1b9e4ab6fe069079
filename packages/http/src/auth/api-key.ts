import { createHash, randomBytes } from 'node:crypto';

/** Every key this system makes starts so, which lets secret scanners and people spot one. */
export const KEY_PREFIX = 'lsl_';
/** Longer Authorization values are refused before any hashing. */
export const MAX_KEY_LENGTH = 512;

/**
 * A new key: `lsl_` and 32 random bytes (256 bits) in base64url. With that much entropy a
 * plain sha256 is a safe thing to store: there is nothing to guess, so no slow hash is needed
 * (docs/security.md).
 */
export function generateApiKey(): string {
  return KEY_PREFIX + randomBytes(32).toString('base64url');
}

/** sha256 of the key, hex: what the database holds. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The first characters a listing shows, e.g. `lsl_Ab3d`. */
export function keyPrefixOf(key: string): string {
  return key.slice(0, KEY_PREFIX.length + 4);
}

/**
 * The key of an `Authorization: Bearer <key>` header (RFC 6750; the scheme in any case);
 * undefined when the header is missing, of another scheme, empty or oversized.
 */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined || header.length > MAX_KEY_LENGTH + 7) return undefined;
  const match = /^Bearer +(\S+) *$/i.exec(header);
  return match?.[1];
}

/** `API_KEYS`: comma-separated keys, blanks ignored. */
export function parseKeyList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k.length > 0);
}

import type { Kysely } from 'kysely';
import { AppError } from '@lsl/contracts';
import { borrowerExists, getLedgerVersion, type Database } from '@lsl/db';
import { emptyState, type BorrowerState, type LedgerOptions } from '@lsl/ledger';
import { catchUpState, DEFAULT_STATE_CACHE_BYTES, loadStoredState, StateCache, type CachedState } from '@lsl/ledger-store';


export interface LedgerReaderOptions {
  db: Kysely<Database>;
  /** Budget of the deserialized-state cache, in estimated heap bytes (0: no cache). */
  stateCacheBytes?: number;
  /**
   * The ledger's options. With them, a cached state a few operations behind is caught up by
   * applying those operations (as the worker did) instead of restoring the whole stored state.
   */
  ledger?: LedgerOptions;
}

export interface LoadedLedger {
  state: BorrowerState;
  /** The stored `applied_seq` this state is the state of. */
  appliedSeq: number;
  /**
   * Names this exact state: `applied_seq` and the row's `updated_at`. Anything computed from
   * the state alone (and the request) may be cached under it.
   */
  version: string;
}

export interface LedgerReader {
  load(borrowerId: string): Promise<LoadedLedger>;
}

/** A cached entry the reader put there: tagged with the version it is the state of. */
function isLoaded(entry: CachedState | undefined): entry is LoadedLedger {
  return entry?.version !== undefined;
}

/**
 * Loads a borrower's stored ledger state for reads. Parsing and deserializing a busy
 * borrower's state costs far more than computing a status from it, so the deserialized state
 * is kept per borrower and reused while the stored row is unchanged: each read asks Postgres
 * only for the row's version, and fetches the state when that version is new. Several server
 * processes each keep their own cache; none can serve a stale state, because the version is
 * read from Postgres on every request.
 */
export function createLedgerReader(options: LedgerReaderOptions): LedgerReader {
  const { db } = options;
  // The one state cache of @lsl/ledger-store (the worker's too), entries tagged with their version.
  const cache = new StateCache(options.stateCacheBytes ?? DEFAULT_STATE_CACHE_BYTES);
  // Concurrent misses of one borrower share one fetch.
  const inFlight = new Map<string, Promise<LoadedLedger | undefined>>();

  const fetchState = async (borrowerId: string): Promise<LoadedLedger | undefined> => {
    // Head and items in one statement (one snapshot), as the worker reads them.
    const stored = await loadStoredState(db, borrowerId);
    if (!stored) return undefined;
    const loaded = { state: stored.state, appliedSeq: stored.appliedSeq, version: `${stored.appliedSeq}@${stored.updatedAt}` };
    cache.set(borrowerId, loaded, stored.bytes);
    return loaded;
  };

  /** The cached state caught up with the operations applied since (`catchUpState`), or undefined. */
  const catchUp = async (borrowerId: string, cached: LoadedLedger, appliedSeq: number, updatedAt: string): Promise<LoadedLedger | undefined> => {
    if (!options.ledger) return undefined;
    const state = await catchUpState(db, borrowerId, cached, appliedSeq, options.ledger);
    if (state === undefined) return undefined;
    const loaded = { state, appliedSeq, version: `${appliedSeq}@${updatedAt}` };
    cache.set(borrowerId, loaded, cache.bytesOf(borrowerId) ?? 0);
    return loaded;
  };

  return {
    async load(borrowerId) {
      const head = await getLedgerVersion(db, borrowerId);
      if (head) {
        const version = `${head.appliedSeq}@${head.updatedAt}`;
        const hit = cache.get(borrowerId);
        const cached = isLoaded(hit) ? hit : undefined;
        if (cached && cached.version === version) return cached;
        // Keyed by the version seen, so a read never joins a fetch that may predate it (a
        // client reading right after its operation applied must see that operation).
        const key = `${borrowerId}\u0000${version}`;
        let pending = inFlight.get(key);
        if (!pending) {
          pending = (cached ? catchUp(borrowerId, cached, head.appliedSeq, head.updatedAt) : Promise.resolve(undefined))
            .then((caughtUp) => caughtUp ?? fetchState(borrowerId))
            .finally(() => inFlight.delete(key));
          inFlight.set(key, pending);
        }
        const loaded = await pending;
        if (loaded) return loaded;
      }
      // Accepted operations create the borrower before any is applied: known, nothing yet.
      if (await borrowerExists(db, borrowerId)) return { state: emptyState(borrowerId), appliedSeq: 0, version: 'empty' };
      throw new AppError('not_found', `No borrower ${borrowerId}`, { borrower_id: borrowerId });
    },
  };
}

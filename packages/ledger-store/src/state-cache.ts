import type { BorrowerState } from '@lsl/ledger';

/**
 * Heap bytes per byte of stored JSON, roughly: a deserialized state costs about six times its
 * JSON text (measured on a borrower with 10 loans and 200 payments: 2.1 MB of JSON, 13 MB of
 * objects; the stored head + items are of the same order as that document).
 */
export const HEAP_PER_JSON_BYTE = 6;

/** The default budget of a state cache, in estimated heap bytes. */
export const DEFAULT_STATE_CACHE_BYTES = 256 * 1024 * 1024;

/**
 * A least-recently-used map bounded by a total of estimated bytes, not by a count: one
 * borrower's state can be a thousand times another's. Something larger than the whole budget
 * is not kept (it would only evict everything else).
 */
export class ByteLru<V> {
  readonly #entries = new Map<string, { value: V; bytes: number }>();
  #bytes = 0;

  constructor(readonly maxBytes: number) {}

  get size(): number {
    return this.#entries.size;
  }

  /** Estimated bytes held. */
  get bytes(): number {
    return this.#bytes;
  }

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    // Re-inserting moves the key to the young end of the Map's insertion order.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  /** The bytes an entry was stored with (a replacement of similar size may reuse it). */
  bytesOf(key: string): number | undefined {
    return this.#entries.get(key)?.bytes;
  }

  set(key: string, value: V, bytes: number): void {
    this.delete(key);
    if (bytes > this.maxBytes) return;
    this.#entries.set(key, { value, bytes });
    this.#bytes += bytes;
    for (const [oldest, entry] of this.#entries) {
      if (this.#bytes <= this.maxBytes) break;
      this.#entries.delete(oldest);
      this.#bytes -= entry.bytes;
    }
  }

  delete(key: string): void {
    const entry = this.#entries.get(key);
    if (entry === undefined) return;
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
  }
}

/** A borrower's deserialized state as cached: the state of the stored `applied_seq`. */
export interface CachedState {
  state: BorrowerState;
  /** The stored `applied_seq` this state is the state of. */
  appliedSeq: number;
  /**
   * Names this exact state as the results API read it: `applied_seq@updated_at` (the worker,
   * which checks `applied_seq` under the borrower's lock, leaves it unset).
   */
  version?: string;
}

/**
 * The deserialized ledger states of recently active borrowers, in this process: the one cache
 * of the worker (the cached state is the `prev` of the next save's `persistDelta`, and is only
 * trusted when the locked `applied_seq` equals the cached one) and of the results API (trusted
 * while the stored version is unchanged, or caught up: `catchUpState`). Keyed by borrower id,
 * bounded by estimated heap bytes (`HEAP_PER_JSON_BYTE` times the stored JSON).
 */
export class StateCache extends ByteLru<CachedState> {
  constructor(maxBytes: number = DEFAULT_STATE_CACHE_BYTES) {
    super(maxBytes);
  }
}

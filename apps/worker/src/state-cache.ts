import type { BorrowerState } from '@lsl/ledger';

/** Heap bytes per byte of stored JSON, roughly (objects and Decimals weigh more than their text). */
export const HEAP_PER_JSON_BYTE = 4;

interface Entry {
  appliedSeq: number;
  state: BorrowerState;
  /** Estimated heap bytes. */
  bytes: number;
}

/**
 * The last committed ledger state of recently active borrowers, in this process. A worker that
 * applies the same borrower again skips reading and restoring the stored state, and the cached
 * state is the `prev` of the next save's `persistDelta`: it is exactly what the database holds
 * (head + items), so the save writes only what changed. Only trusted when the database's
 * `applied_seq` equals the cached one (checked under the borrower's lock), so another
 * process's progress is never missed; an entry is dropped whenever a transaction of its
 * borrower fails. Bounded by estimated bytes, not by a count: one borrower's state can be a
 * thousand times another's. Least recently used entries go first.
 */
export class StateCache {
  private readonly entries = new Map<string, Entry>();
  private total = 0;

  constructor(private readonly maxBytes = 256 * 1024 * 1024) {}

  get bytes(): number {
    return this.total;
  }

  get(borrowerId: string): { appliedSeq: number; state: BorrowerState; bytes: number } | undefined {
    const entry = this.entries.get(borrowerId);
    if (entry) {
      // Map keeps insertion order: re-inserting makes it the most recent.
      this.entries.delete(borrowerId);
      this.entries.set(borrowerId, entry);
    }
    return entry;
  }

  set(borrowerId: string, appliedSeq: number, state: BorrowerState, bytes: number): void {
    this.delete(borrowerId);
    if (bytes > this.maxBytes) return;
    this.entries.set(borrowerId, { appliedSeq, state, bytes });
    this.total += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.total <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.total -= entry.bytes;
    }
  }

  delete(borrowerId: string): void {
    const entry = this.entries.get(borrowerId);
    if (!entry) return;
    this.entries.delete(borrowerId);
    this.total -= entry.bytes;
  }
}

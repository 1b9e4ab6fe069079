import type { BorrowerState } from '@lsl/ledger';

/**
 * The last committed ledger state of recently active borrowers, in this process. A worker that
 * drains the same borrower again (the usual case: one job per operation) skips reading and
 * restoring the stored state, and the cached state is the `prev` of the next save's
 * `persistDelta`: it is exactly what the database holds (head + items), so the save writes
 * only what changed. Only trusted when the database's `applied_seq` equals the cached one
 * (checked under the borrower's lock), so another process's progress is never missed; an
 * entry is dropped whenever a transaction of its borrower fails.
 */
export class StateCache {
  private readonly entries = new Map<string, { appliedSeq: number; state: BorrowerState }>();

  constructor(private readonly capacity = 1000) {}

  get(borrowerId: string): { appliedSeq: number; state: BorrowerState } | undefined {
    const entry = this.entries.get(borrowerId);
    if (entry) {
      // Map keeps insertion order: re-inserting makes it the most recent.
      this.entries.delete(borrowerId);
      this.entries.set(borrowerId, entry);
    }
    return entry;
  }

  set(borrowerId: string, appliedSeq: number, state: BorrowerState): void {
    this.entries.delete(borrowerId);
    this.entries.set(borrowerId, { appliedSeq, state });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  delete(borrowerId: string): void {
    this.entries.delete(borrowerId);
  }
}

/**
 * The borrower's state as the pipeline stores it: the operation log sorted by (effective
 * day, seq), the live core after the whole log, and snapshots of the core every
 * SNAPSHOT_EVERY log records for cheap back-dated replays and past-day reads.
 */
import type { DayNum } from './calendar.js';
import type { List } from './cons.js';
import type { Core, LogRecord, Snapshot } from './model.js';
import { EMPTY_CORE } from './draft.js';

/** Trade-off: a back-dated apply replays at most this many records before its insertion point. */
export const SNAPSHOT_EVERY = 16;

/**
 * Version of the stored forms (serialize.ts: whole document; persist.ts: head + list items).
 * 2: the head + items layout; documents keep their layout under `layout: 'document'`.
 */
export const STATE_FORMAT = 'lsl-ledger/2';

export interface BorrowerState {
  readonly format: typeof STATE_FORMAT;
  readonly borrowerId: string;
  /** Newest (largest (day, seq)) first. */
  readonly log: List<LogRecord>;
  readonly live: Core;
  /** Newest first; every snapshot's core is a prefix state of `live`. */
  readonly snapshots: List<Snapshot>;
  /** The next kordev_id to hand out. */
  readonly nextKordev: number;
  /** Largest seq in the log (to tell in-order arrivals from out-of-order ones). */
  readonly maxSeq: number;
}

export function emptyState(borrowerId: string): BorrowerState {
  return { format: STATE_FORMAT, borrowerId, log: null, live: EMPTY_CORE, snapshots: null, nextKordev: 1, maxSeq: 0 };
}

export function compareKey(a: { day: DayNum; seq: number }, b: { day: DayNum; seq: number }): number {
  return a.day - b.day || a.seq - b.seq;
}

export function hasLoan(state: BorrowerState, loanId: string): boolean {
  return Object.prototype.hasOwnProperty.call(state.live.loans, loanId);
}

import type { Kysely } from 'kysely';
import { getLedgerHead, listOperationsAfterSeq, loadBorrowerLedger, type Database } from '@lsl/db';
import { headOf, restoreState, type BorrowerState, type LedgerOptions } from '@lsl/ledger';
import { applyRecorded } from './apply-recorded.js';
import { HEAP_PER_JSON_BYTE } from './state-cache.js';

type Db = Parameters<typeof loadBorrowerLedger>[0];

export interface StoredState {
  state: BorrowerState;
  appliedSeq: number;
  /** The row's `updated_at`, as text. */
  updatedAt: string;
  /** Estimated heap bytes of the deserialized state. */
  bytes: number;
}

/**
 * Reads a borrower's stored ledger (head and items in one statement: one snapshot) and decodes
 * it, once, here (`restoreState`: every part checked; a row that does not decode is a
 * `StoredLedgerError`). The state is exactly what the database holds, so the `prev` a
 * `persistDelta` may be computed from. Undefined when nothing was ever applied.
 */
export async function loadStoredState(db: Db, borrowerId: string): Promise<StoredState | undefined> {
  const stored = await loadBorrowerLedger(db, borrowerId);
  if (!stored) return undefined;
  return {
    state: restoreState(stored.head, stored.lists),
    appliedSeq: stored.appliedSeq,
    updatedAt: stored.updatedAt,
    bytes: stored.bytes * HEAP_PER_JSON_BYTE,
  };
}

/** Past this many operations behind, restoring the stored state is the cheaper way. */
export const MAX_CATCH_UP = 64;

/**
 * A cached state plus the operations applied since, applied again here (`applyRecorded`, as the
 * worker did): the ledger is pure and deterministic, so this is the state the worker stored.
 * Checked, not assumed: the head the caught-up state would store must equal the stored head
 * (counters, list lengths, every loan). Undefined when catching up does not apply (too far
 * behind, the stored ledger moved on meanwhile, or the check fails): restore instead.
 */
export async function catchUpState(
  db: Kysely<Database>,
  borrowerId: string,
  cached: { state: BorrowerState; appliedSeq: number },
  appliedSeq: number,
  ledger: LedgerOptions,
): Promise<BorrowerState | undefined> {
  const gap = appliedSeq - cached.appliedSeq;
  if (gap <= 0 || gap > MAX_CATCH_UP) return undefined;
  const [rows, stored] = await Promise.all([listOperationsAfterSeq(db, borrowerId, cached.appliedSeq, gap), getLedgerHead(db, borrowerId)]);
  if (rows.length !== gap || rows[gap - 1]!.seq !== appliedSeq || stored?.appliedSeq !== appliedSeq) return undefined;
  let state = cached.state;
  for (const row of rows) state = applyRecorded(state, row, ledger).state;
  if (JSON.stringify(headOf(state)) !== JSON.stringify(stored.head)) return undefined;
  return state;
}

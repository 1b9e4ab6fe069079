import type { Kysely } from 'kysely';
import {
  batchCompletedEvents,
  completeOperations,
  insertEvents,
  listPendingOperations,
  operationView,
  type EventInput,
  loadBorrowerLedger,
  lockBorrowerLedger,
  saveBorrowerLedgerDelta,
  type Database,
  type OperationRow,
} from '@lsl/db';
import { emptyState, isPersistedHead, persistDelta, restoreState, type ApplyResult, type BorrowerState, type LedgerOptions } from '@lsl/ledger';
import type { StateCache } from './state-cache.js';
import { applyRecorded } from './apply-recorded.js';

export interface ApplyPendingOptions {
  ledger: LedgerOptions;
  /** Operations applied per transaction. */
  batchSize?: number;
  cache?: StateCache;
  onApplied?: (row: OperationRow, result: ApplyResult) => void;
  /** After each committed transaction: its operations and results (metrics, the batch log line). */
  onBatch?: (batch: AppliedBatch) => void;
  /** An operation the ledger threw on (a defect; its result is a stored 500). */
  onLedgerError?: (row: OperationRow, error: unknown) => void;
}

export interface AppliedBatch {
  borrowerId: string;
  results: Array<[OperationRow, ApplyResult]>;
  completedAt: Date;
}

/**
 * Applies every pending operation of one borrower, in sequence order, until none is left.
 * Each batch is one transaction holding the borrower's ledger lock: the state, the applied
 * sequence number and every result are committed together or not at all. Any database error
 * propagates (the job is retried); the next attempt resumes exactly after the last commit.
 * Returns the number of operations applied.
 */
export async function applyPendingOperations(db: Kysely<Database>, borrowerId: string, options: ApplyPendingOptions): Promise<number> {
  const batchSize = options.batchSize ?? 100;
  const cache = options.cache;
  let total = 0;
  for (;;) {
    let committed: { appliedSeq: number; state: BorrowerState; completedAt: Date } | undefined;
    const applied = await db.transaction().execute(async (trx) => {
      const cached = cache?.get(borrowerId);
      const ledger = await lockBorrowerLedger(trx, borrowerId);
      const appliedSeq = ledger?.applied_seq ?? 0;
      const pending = await listPendingOperations(trx, borrowerId, appliedSeq, batchSize);
      if (pending.length === 0) return [];
      // `stored` is exactly what the database holds (head + items): the delta is computed from
      // it. Undefined when nothing is stored, or when a whole document from before the head +
      // items layout is (the save then writes every item).
      let stored: BorrowerState | undefined;
      let state: BorrowerState;
      if (!ledger) {
        stored = undefined;
        state = emptyState(borrowerId);
      } else if (cached && cached.appliedSeq === ledger.applied_seq) {
        stored = state = cached.state;
      } else {
        const loaded = await loadBorrowerLedger(trx, borrowerId);
        if (!loaded) throw new Error(`the ledger row of ${borrowerId} vanished under its lock`);
        state = restoreState(loaded.head, loaded.lists);
        stored = isPersistedHead(loaded.head) ? state : undefined;
      }
      const results: Array<[OperationRow, ApplyResult]> = [];
      for (const row of pending) {
        const outcome = applyRecorded(state, row, options.ledger, (error) =>
          options.onLedgerError ? options.onLedgerError(row, error) : console.error('ledger error', row.id, error),
        );
        state = outcome.state;
        results.push([row, outcome.result]);
      }
      const completedAt = new Date();
      await completeOperations(
        trx,
        results.map(([row, result]) => ({ id: row.id, status: result.ok ? 'succeeded' : 'failed', statusCode: result.statusCode, body: result.body })),
        completedAt,
      );
      // The outbox: every event reporting these results commits with them, or not at all.
      await insertEvents(trx, results.flatMap(([row, result]) => eventsOf(row, result, completedAt)));
      await insertEvents(trx, await batchCompletedEvents(trx, results.map(([row]) => row.batch_id), completedAt));
      const lastSeq = pending[pending.length - 1]!.seq;
      await saveBorrowerLedgerDelta(trx, borrowerId, persistDelta(stored, state), lastSeq);
      committed = { appliedSeq: lastSeq, state, completedAt };
      return results;
    }).catch((error) => {
      // Whatever the cache held may be ahead of a rolled-back transaction: forget it.
      cache?.delete(borrowerId);
      throw error;
    });
    if (committed) cache?.set(borrowerId, committed.appliedSeq, committed.state);
    for (const [row, result] of applied) options.onApplied?.(row, result);
    if (committed && applied.length > 0) options.onBatch?.({ borrowerId, results: applied, completedAt: committed.completedAt });
    total += applied.length;
    if (applied.length < batchSize) return total;
  }
}

/**
 * The events one applied operation reports, in the order they happened: the ledger's domain
 * events (`loan.originated`, ...), then `operation.succeeded` or `operation.failed` carrying the
 * operation as `GET /v1/operations/{id}` returns it (docs/events.md).
 */
export function eventsOf(row: OperationRow, result: ApplyResult, completedAt: Date): EventInput[] {
  const domain: EventInput[] = (result.ok ? (result.events ?? []) : []).map((event) => ({
    type: event.type,
    borrower_id: row.borrower_id,
    operation_id: row.id,
    loan_id: event.loan_id,
    effective_date: event.effective_date,
    occurred_on: row.recorded_at,
    payload: event.payload,
  }));
  const finished = {
    ...row,
    status: result.ok ? ('succeeded' as const) : ('failed' as const),
    result_status_code: result.statusCode,
    result_body: result.body,
    completed_at: completedAt,
  };
  return [
    ...domain,
    {
      type: result.ok ? 'operation.succeeded' : 'operation.failed',
      borrower_id: row.borrower_id,
      operation_id: row.id,
      batch_id: row.batch_id,
      occurred_on: completedAt,
      payload: operationView(finished),
    },
  ];
}

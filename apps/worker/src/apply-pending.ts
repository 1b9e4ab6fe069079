import type { Kysely } from 'kysely';
import {
  commitAppliedBatch,
  insertEvents,
  findBorrowersWithPending,
  listPendingOperationsOf,
  type EventInput,
  lockBorrowerLedgers,
  setLocalLockTimeout,
  type Database,
  type OperationRow,
  upsertPortfolioPromises,
} from '@lsl/db';
import { emptyState, persistDelta, portfolioLoansOf, portfolioPromisesOf, toDay, type ApplyResult, type BorrowerState, type LedgerOptions, type PortfolioLoan, type PortfolioPromise } from '@lsl/ledger';
import { operationStatusBody } from '@lsl/contracts';
import { applyRecorded, batchCompletedEvents, HEAP_PER_JSON_BYTE, loadStoredState, type StateCache } from '@lsl/ledger-store';

export interface ApplyPendingOptions {
  ledger: LedgerOptions;
  /** Operations applied per borrower per transaction. */
  batchSize?: number;
  cache?: StateCache;
  /**
   * When applying several borrowers at once: how long to wait for a ledger lock held elsewhere
   * before giving up (a transient error), so a borrower locked by someone else sends the batch
   * to the one-borrower-at-a-time fallback instead of holding the others back.
   */
  batchLockTimeoutMs?: number;
  /** At most this many operations in one transaction (shared out over its borrowers). */
  maxOperationsPerTransaction?: number;
  onApplied?: (row: OperationRow, result: ApplyResult) => void;
  /** After each committed transaction, per borrower: its operations and results (metrics, the batch log line). */
  onBatch?: (batch: AppliedBatch) => void;
  /** An operation the ledger threw on (a defect; its result is a stored 500). */
  onLedgerError?: (row: OperationRow, error: unknown) => void;
  /** The clock: today's lender day is the day the portfolio read model is evaluated on (docs/reads.md "Portfolio"). */
  now?: () => Date;
}

export interface AppliedBatch {
  borrowerId: string;
  results: Array<[OperationRow, ApplyResult]>;
  completedAt: Date;
}

/**
 * Applies every pending operation of several borrowers, each in sequence order, until none is
 * left. A borrower with nothing pending costs one read and no transaction
 * (`findBorrowersWithPending`). The others are applied together: one transaction holds every
 * one's ledger lock (taken in borrower id order), and their states, applied sequence numbers,
 * results and events are committed together or not at all. Any database error propagates
 * (the caller retries, or falls back to one borrower at a time: `BorrowerBatcher`); the next
 * attempt resumes exactly after the last commit. Returns the number of operations applied.
 */
export async function applyPendingBatch(db: Kysely<Database>, borrowerIds: string[], options: ApplyPendingOptions): Promise<number> {
  const cache = options.cache;
  let total = 0;
  let candidates = [...new Set(borrowerIds)];
  while (candidates.length > 0) {
    const pendingBorrowers = await findBorrowersWithPending(db, candidates);
    if (pendingBorrowers.length === 0) return total;
    const ids = pendingBorrowers.map((b) => b.borrowerId);
    const batchSize = Math.max(10, Math.min(options.batchSize ?? 100, Math.floor((options.maxOperationsPerTransaction ?? 1000) / ids.length)));
    const committed = new Map<string, { appliedSeq: number; state: BorrowerState; bytes: number }>();
    const full: string[] = [];
    const batches: AppliedBatch[] = [];
    const applied = await db.transaction().execute(async (trx) => {
      const cached = new Map(ids.map((id) => [id, cache?.get(id)]));
      const cachedBytes = new Map(ids.map((id) => [id, cache?.bytesOf(id) ?? 0]));
      if (ids.length > 1 && options.batchLockTimeoutMs) await setLocalLockTimeout(trx, options.batchLockTimeoutMs);
      const locked = await lockBorrowerLedgers(trx, ids, pendingBorrowers.filter((b) => !b.hasLedger).map((b) => b.borrowerId));
      const pendingOf = await listPendingOperationsOf(trx, locked, batchSize);
      const results: Array<[OperationRow, ApplyResult]> = [];
      const saves: Array<{ borrowerId: string; delta: ReturnType<typeof persistDelta>; appliedSeq: number }> = [];
      const today = toDay((options.now?.() ?? new Date()).toISOString(), options.ledger.timeZone);
      const portfolio: PortfolioLoan[] = [];
      const promises: PortfolioPromise[] = [];
      for (const [borrowerId, pending] of pendingOf) {
        if (pending.length === 0) continue;
        if (pending.length === batchSize) full.push(borrowerId);
        const appliedSeq = locked.get(borrowerId)!;
        // `stored` is exactly what the database holds (head + items): the delta is computed
        // from it. Undefined when nothing is stored, or when a whole document from before the
        // head + items layout is (the save then writes every item).
        let stored: BorrowerState | undefined;
        let state: BorrowerState;
        // Estimated heap bytes of the state: from what was read, plus what each save adds
        // (an overestimate after a back-dated save, which rewrites items in place).
        let bytes = 0;
        const hit = cached.get(borrowerId);
        if (appliedSeq === 0) {
          stored = undefined;
          state = emptyState(borrowerId);
        } else if (hit && hit.appliedSeq === appliedSeq) {
          stored = state = hit.state;
          bytes = cachedBytes.get(borrowerId)!;
        } else {
          const loaded = await loadStoredState(trx, borrowerId);
          if (!loaded) throw new Error(`the ledger row of ${borrowerId} vanished under its lock`);
          stored = state = loaded.state;
          bytes = loaded.bytes;
        }
        const mine: Array<[OperationRow, ApplyResult]> = [];
        for (const row of pending) {
          const outcome = applyRecorded(state, row, options.ledger, (error) =>
            options.onLedgerError ? options.onLedgerError(row, error) : console.error('ledger error', row.id, error),
          );
          state = outcome.state;
          mine.push([row, outcome.result]);
        }
        results.push(...mine);
        batches.push({ borrowerId, results: mine, completedAt: new Date(0) });
        const lastSeq = pending[pending.length - 1]!.seq;
        saves.push({ borrowerId, delta: persistDelta(stored, state), appliedSeq: lastSeq });
        committed.set(borrowerId, { appliedSeq: lastSeq, state, bytes });
        portfolio.push(...portfolioLoansOf(state, today, options.ledger));
        promises.push(...portfolioPromisesOf(state, today));
      }
      if (results.length === 0) return results;
      const completedAt = new Date();
      for (const batch of batches) batch.completedAt = completedAt;
      // Results, events (the outbox: every event reporting these results commits with them, or
      // not at all), every borrower's state, the portfolio read model (docs/reads.md
      // "Portfolio") and the `Prefer: wait` notification (delivered at commit): one statement.
      const written = await commitAppliedBatch(trx, {
        results: results.map(([row, result]) => ({ id: row.id, status: result.ok ? 'succeeded' : 'failed', statusCode: result.statusCode, body: result.body })),
        completedAt,
        events: results.flatMap(([row, result]) => eventsOf(row, result, completedAt)),
        saves,
        portfolio,
      });
      saves.forEach((save, i) => (committed.get(save.borrowerId)!.bytes += written[i]! * HEAP_PER_JSON_BYTE));
      // The promises read model, in the same transaction (docs/reads.md).
      await upsertPortfolioPromises(trx, promises);
      // A batch's `batch.completed` needs the results above (a later statement sees them).
      await insertEvents(trx, await batchCompletedEvents(trx, results.map(([row]) => row.batch_id), completedAt, results.map(([row]) => row.id)));
      return results;
    }).catch((error) => {
      // Whatever the cache held may be ahead of a rolled-back transaction: forget it.
      for (const id of ids) cache?.delete(id);
      throw error;
    });
    for (const [id, entry] of committed) cache?.set(id, { appliedSeq: entry.appliedSeq, state: entry.state }, entry.bytes);
    for (const [row, result] of applied) options.onApplied?.(row, result);
    if (applied.length > 0) for (const batch of batches) options.onBatch?.(batch);
    total += applied.length;
    candidates = full;
  }
  return total;
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
      payload: operationStatusBody(finished),
    },
  ];
}

import type { Kysely } from 'kysely';
import {
  completeOperation,
  listPendingOperations,
  lockBorrowerLedger,
  saveBorrowerLedger,
  type Database,
  type OperationRow,
} from '@lsl/db';
import { apply, deserializeState, emptyState, serializeState, type ApplyResult, type LedgerOptions } from '@lsl/ledger';
import { toLedgerOperation } from './to-ledger-operation.js';

export interface ApplyPendingOptions {
  ledger: LedgerOptions;
  /** Operations applied per transaction. */
  batchSize?: number;
  onApplied?: (row: OperationRow, result: ApplyResult) => void;
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
  let total = 0;
  for (;;) {
    const applied = await db.transaction().execute(async (trx) => {
      const ledger = await lockBorrowerLedger(trx, borrowerId);
      const appliedSeq = ledger?.applied_seq ?? 0;
      const pending = await listPendingOperations(trx, borrowerId, appliedSeq, batchSize);
      if (pending.length === 0) return [];
      let state = ledger ? deserializeState(ledger.state) : emptyState(borrowerId);
      const results: Array<[OperationRow, ApplyResult]> = [];
      for (const row of pending) {
        const outcome = applyOne(state, row, options.ledger);
        state = outcome.state;
        results.push([row, outcome.result]);
        await completeOperation(trx, row.id, {
          status: outcome.result.ok ? 'succeeded' : 'failed',
          statusCode: outcome.result.statusCode,
          body: outcome.result.body,
        });
      }
      await saveBorrowerLedger(trx, borrowerId, serializeState(state), pending[pending.length - 1]!.seq);
      return results;
    });
    for (const [row, result] of applied) options.onApplied?.(row, result);
    total += applied.length;
    if (applied.length < batchSize) return total;
  }
}

/**
 * A throw from the ledger is a defect, and deterministic: retrying would fail forever and block
 * the borrower. It becomes this operation's 500 result; the state is left as it was.
 */
function applyOne(state: ReturnType<typeof emptyState>, row: OperationRow, ledger: LedgerOptions) {
  try {
    return apply(state, toLedgerOperation(row), ledger);
  } catch (error) {
    const result: ApplyResult = {
      ok: false,
      statusCode: 500 as never,
      body: {
        code: 50001,
        context: { operation_id: row.id },
        error: 'The ledger could not apply this operation; it has been recorded as failed.',
        status: 'Internal Server Error',
      },
    };
    console.error(`ledger error on operation ${row.id} (${row.type}):`, error);
    return { state, result };
  }
}

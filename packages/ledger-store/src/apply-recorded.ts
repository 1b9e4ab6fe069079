import { AppError } from '@lsl/contracts';
import type { OperationRow } from '@lsl/db';
import { apply, type ApplyResult, type BorrowerState, type LedgerOperation, type LedgerOptions } from '@lsl/ledger';
import { StoredBodyError, decodeOperation } from './operation-codec.js';

type Applied = { state: BorrowerState; result: ApplyResult };

/**
 * Applies one operation value to a state; a throw from the ledger is a defect, and
 * deterministic: retrying would fail forever and block the borrower. It becomes this
 * operation's 500 result, the state left as it was (`onDefect` hears of it).
 */
export function applyOperation(state: BorrowerState, op: LedgerOperation, ledger: LedgerOptions, onDefect: (error: unknown) => void = () => {}): Applied {
  try {
    return apply(state, op, ledger);
  } catch (error) {
    onDefect(error);
    return defectResult(state, op.operationId);
  }
}

function defectResult(state: BorrowerState, operationId: string): Applied {
  const defect = new AppError('internal', 'The ledger could not apply this operation; it has been recorded as failed.', { operation_id: operationId });
  return { state, result: { ok: false, statusCode: 500, body: defect.toJSON() } };
}

/**
 * Applies one recorded operation to a state, exactly as the worker does: the results API uses
 * the same function to catch a cached state up, so all agree to the last decimal.
 *
 * A record that does not decode (`decodeOperation`) is not applied: its result is the 400
 * intake would have given, naming the fields (`onDefect` hears of it too). A throw from the
 * ledger becomes the operation's 500 (`applyOperation`). Either way the state is left as it was.
 */
export function applyRecorded(state: BorrowerState, row: OperationRow, ledger: LedgerOptions, onDefect: (error: unknown) => void = () => {}): Applied {
  let op: LedgerOperation;
  try {
    op = decodeOperation(row, { timeZone: ledger.timeZone });
  } catch (error) {
    onDefect(error);
    if (error instanceof StoredBodyError) {
      const body = error.error.toJSON();
      return { state, result: { ok: false, statusCode: 400, body: { ...body, context: { ...body.context, operation_id: row.id } } } };
    }
    return defectResult(state, row.id);
  }
  return applyOperation(state, op, ledger, onDefect);
}

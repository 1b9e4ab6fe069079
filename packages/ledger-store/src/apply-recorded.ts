import { AppError } from '@lsl/contracts';
import type { OperationRow } from '@lsl/db';
import { apply, type ApplyResult, type BorrowerState, type LedgerOptions } from '@lsl/ledger';
import { StoredBodyError, toLedgerOperation } from './to-ledger-operation.js';

/**
 * Applies one recorded operation to a state, exactly as the worker does: the results API uses
 * the same function to catch a cached state up and to simulate, so all agree to the last decimal.
 *
 * A stored body that no longer parses with its schema is not applied: its result is the 400
 * intake would have given, naming the fields (`onDefect` hears of it too). A throw from the
 * ledger is a defect, and deterministic: retrying would fail forever and block the borrower. It
 * becomes this operation's 500 result. Either way the state is left as it was.
 */
export function applyRecorded(
  state: BorrowerState,
  row: OperationRow,
  ledger: LedgerOptions,
  onDefect: (error: unknown) => void = () => {},
): { state: BorrowerState; result: ApplyResult } {
  try {
    return apply(state, toLedgerOperation(row), ledger);
  } catch (error) {
    onDefect(error);
    if (error instanceof StoredBodyError) {
      const body = error.error.toJSON();
      return { state, result: { ok: false, statusCode: 400, body: { ...body, context: { ...body.context, operation_id: row.id } } } };
    }
    const defect = new AppError('internal', 'The ledger could not apply this operation; it has been recorded as failed.', { operation_id: row.id });
    return { state, result: { ok: false, statusCode: 500, body: defect.toJSON() } };
  }
}

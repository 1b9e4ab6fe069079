/** revert_cancellation (docs/ledger.md "Cancellation reversal"): a cancellation taken out as if never made. */
import { revertCancellation } from '../undo.js';
import { defineLedgerOperation, type BodyBase, type Open, type OperationBase } from './define.js';

export interface RevertCancellationBody extends BodyBase {
  cancellation_reversal?: Open & { reason?: string | null | undefined };
}

/** What `apply` found in the log: the cancellation taken out (its effective day and date as sent). */
export interface TakenOut {
  day: number;
  effectiveDate: string;
}

export interface RevertCancellationOperation extends OperationBase<'revert_cancellation', RevertCancellationBody> {
  loanId: string;
  /** Set by `apply` once it has located the cancellation (absent on the value handed in). */
  reverted?: TakenOut | undefined;
}

/** The 200 body; `id` is the reversal's operation id. */
export interface RevertCancellationResult {
  cancellation_date: string;
  cancellation_reversal: NonNullable<RevertCancellationBody['cancellation_reversal']>;
  id: string;
  kordev_id: number;
  loan_id: string;
  request_id: string | null;
}

export const revertCancellationOperation = defineLedgerOperation<RevertCancellationOperation, RevertCancellationResult, 'loan.cancellation_reverted'>({
  effectiveInstant: () => undefined,
  handle: revertCancellation,
  steps: { cancellation_reversal: 'CANCELLATION_REVERSAL' },
});

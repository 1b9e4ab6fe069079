/** cancel_loan (docs/ledger.md "Cancellation"). */
import { cancelLoan } from '../cancel.js';
import { defineLedgerOperation, type BodyBase, type Open, type OperationBase } from './define.js';

export interface CancelLoanBody extends BodyBase {
  /** Absent or `{}`: the cancellation takes effect on the day it is recorded. */
  loan_cancellation?: Open & { effective_date?: string | undefined };
}

export interface CancelLoanOperation extends OperationBase<'cancel_loan', CancelLoanBody> {
  loanId: string;
}

/** The 200 body; `id` is the cancellation's operation id. */
export interface CancelLoanResult {
  effective_date: string;
  id: string;
  kordev_id: number;
  loan_id: string;
  request_id: string | null;
}

export const cancelLoanOperation = defineLedgerOperation<CancelLoanOperation, CancelLoanResult, 'loan.cancelled'>({
  effectiveInstant: (op) => op.body.loan_cancellation?.effective_date,
  handle: cancelLoan,
  steps: { cancellation: 'CANCELLATION' },
});

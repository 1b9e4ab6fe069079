/** charge_off_loan (docs/ledger.md "Charge-off"). */
import { chargeOffLoan } from '../charge-off.js';
import { defineLedgerOperation, type BodyBase, type Open, type OperationBase } from './define.js';

export interface ChargeOffLoanBody extends BodyBase {
  loan_charge_off: Open & { effective_date: string; reason?: string | null | undefined };
}

export interface ChargeOffLoanOperation extends OperationBase<'charge_off_loan', ChargeOffLoanBody> {
  loanId: string;
}

/** The 200 body; `id` is the charge-off's operation id. */
export interface ChargeOffLoanResult {
  charged_off_amount: number;
  effective_date: string;
  id: string;
  kordev_id: number;
  loan_id: string;
  request_id: string | null;
}

export const chargeOffLoanOperation = defineLedgerOperation<ChargeOffLoanOperation, ChargeOffLoanResult, 'loan.charged_off'>({
  effectiveInstant: (op) => op.body.loan_charge_off.effective_date,
  handle: chargeOffLoan,
  steps: { charge_off: 'CHARGE_OFF' },
});

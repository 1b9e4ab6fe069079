/** charge_off_loan (docs/ledger.md "Charge-off"). */
import { chargeOffLoan } from '../charge-off.js';
import { defineLedgerOperation, type BodyBase, type Open, type OperationBase } from './define.js';

export interface ChargeOffLoanBody extends BodyBase {
  loan_charge_off: Open & { effective_date: string; reason?: string | null | undefined };
}

export interface ChargeOffLoanOperation extends OperationBase<'charge_off_loan', ChargeOffLoanBody> {
  loanId: string;
}

export const chargeOffLoanOperation = defineLedgerOperation<ChargeOffLoanOperation>({
  effectiveInstant: (op) => op.body.loan_charge_off.effective_date,
  handle: chargeOffLoan,
});

/** create_loan (docs/api.md): a loan and its schedule, from its terms and loan config. */
import type { LoanConfig } from '../configs.js';
import { createLoan } from '../create-loan.js';
import { defineLedgerOperation, type BodyBase, type Open, type OperationBase } from './define.js';

export type LoanTerms = Open & {
  amount_financed: number;
  config_id: string;
  daily_fee_charge?: number | null | undefined;
  delinquency_interest_rate: number;
  due_dates: string[];
  guarantee_provider?: string | null | undefined;
  installment_fee_2_charge?: number | null | undefined;
  installment_fee_charge?: number | null | undefined;
  interest_rate: number;
  origination_date?: string | undefined;
  owner?: string | null | undefined;
};

export interface CreateLoanBody extends BodyBase {
  loan: LoanTerms;
}

export interface CreateLoanOperation extends OperationBase<'create_loan', CreateLoanBody> {
  loanId: string;
  loanConfig: LoanConfig;
}

export const createLoanOperation = defineLedgerOperation<CreateLoanOperation>({
  effectiveInstant: (op) => op.body.loan.origination_date,
  handle: createLoan,
});

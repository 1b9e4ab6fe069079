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

/** The 200 body: the `loan` echoed as sent, `due_dates` the end of each due day. */
export type CreateLoanResult = LoanTerms & { due_dates: string[]; id: string; kordev_id: number; request_id: string | null };

export const createLoanOperation = defineLedgerOperation<CreateLoanOperation, CreateLoanResult, 'loan.originated'>({
  effectiveInstant: (op) => op.body.loan.origination_date,
  handle: createLoan,
  steps: { origination: 'ORIGINATION' },
});

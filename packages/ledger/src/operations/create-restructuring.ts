/** create_restructuring (docs/ledger.md "Restructuring"). */
import type { RestructuringConfig } from '../configs.js';
import { createRestructuring } from '../restructuring.js';
import { defineLedgerOperation, type BodyBase, type Open, type OperationBase } from './define.js';

export type RestructuringTerms = Open & {
  config_id?: string | null | undefined;
  daily_fee_charge?: number | null | undefined;
  delinquency_interest_rate?: number | undefined;
  due_dates: string[];
  effective_date: string;
  installment_fee_charge?: number | null | undefined;
  interest_rate?: number | undefined;
};

export interface CreateRestructuringBody extends BodyBase {
  loan_restructuring: RestructuringTerms;
}

export interface CreateRestructuringOperation extends OperationBase<'create_restructuring', CreateRestructuringBody> {
  loanId: string;
  restructuringId: string;
  restructuringConfig: RestructuringConfig;
}

/** The 200 body: the `loan_restructuring` echoed, `due_dates` the end of each due day. */
export interface CreateRestructuringResult {
  fixed_installment_amount: number;
  id: string;
  kordev_id: number;
  loan_id: string;
  loan_restructuring: RestructuringTerms;
  new_principal: number;
  request_id: string | null;
}

export const createRestructuringOperation = defineLedgerOperation<CreateRestructuringOperation, CreateRestructuringResult, 'loan.restructured'>({
  effectiveInstant: (op) => op.body.loan_restructuring.effective_date,
  handle: createRestructuring,
  steps: { restructuring: 'RESTRUCTURING', restructuring_waiver: 'RESTRUCTURING_WAIVER' },
});

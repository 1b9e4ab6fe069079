/** create_balance_adjustment (docs/ledger.md "Balance adjustment"): a clerk's correction of one bucket. */
import type { BucketType } from '../api.js';
import { createBalanceAdjustment } from '../balance-adjustment.js';
import { defineLedgerOperation, type BodyBase, type Open, type OperationBase } from './define.js';

export type BalanceAdjustmentTerms = Open & {
  effective_date: string;
  bucket: BucketType;
  /** Numbered from 1; absent: the installment current on the effective day. */
  installment?: number | null | undefined;
  /** Positive adds to the bucket, negative removes (a non-zero amount: contracts checked it). */
  amount: number;
  reason?: string | null | undefined;
};

export interface CreateBalanceAdjustmentBody extends BodyBase {
  balance_adjustment: BalanceAdjustmentTerms;
}

export interface CreateBalanceAdjustmentOperation extends OperationBase<'create_balance_adjustment', CreateBalanceAdjustmentBody> {
  loanId: string;
  adjustmentId: string;
}

/** The 200 body: the `balance_adjustment` echoed, `installment` the number adjusted. */
export interface CreateBalanceAdjustmentResult {
  balance_adjustment: BalanceAdjustmentTerms & { installment: number };
  id: string;
  kordev_id: number;
  loan_id: string;
  request_id: string | null;
}

export const createBalanceAdjustmentOperation = defineLedgerOperation<CreateBalanceAdjustmentOperation, CreateBalanceAdjustmentResult, 'loan.balance_adjusted'>({
  effectiveInstant: (op) => op.body.balance_adjustment.effective_date,
  handle: createBalanceAdjustment,
  steps: { balance_adjustment: 'BALANCE_ADJUSTMENT' },
});

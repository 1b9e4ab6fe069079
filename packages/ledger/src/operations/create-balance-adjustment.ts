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

export const createBalanceAdjustmentOperation = defineLedgerOperation<CreateBalanceAdjustmentOperation>({
  effectiveInstant: (op) => op.body.balance_adjustment.effective_date,
  handle: createBalanceAdjustment,
});

/** transfer_ownership (docs/api.md): one item of the transfer batch, on its borrower's queue. */
import { createTransfer } from '../transfer.js';
import { defineLedgerOperation, type BodyBase, type Open, type OperationBase } from './define.js';

/** One item of the transfer batch. */
export interface TransferItemBody extends BodyBase {
  borrower_id: string;
  loan_id: string;
  ownership_transfer: Open & { effective_date: string; new_owner: string };
}

export interface TransferOwnershipOperation extends OperationBase<'transfer_ownership', TransferItemBody> {
  loanId: string;
}

/** What a bucket of the loan owed on the transfer day. */
export interface BucketStates {
  current: number;
  overdue: number;
  total: number;
  unpaid: number;
}

/** The 200 body (one item of the batch's `succeeded`); `id` is the loan id. */
export interface TransferOwnershipResult {
  id: string;
  kordev_id: number;
  new_owner: string;
  occurred_on: string;
  request_id: string | null;
  transferred_amounts: { installment_fee: BucketStates; interest: BucketStates; principal: BucketStates };
}

export const transferOwnershipOperation = defineLedgerOperation<TransferOwnershipOperation, TransferOwnershipResult, 'loan.ownership_transferred'>({
  effectiveInstant: (op) => op.body.ownership_transfer.effective_date,
  handle: createTransfer,
  steps: { transfer: 'OWNERSHIP_TRANSFER' },
});

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

export const transferOwnershipOperation = defineLedgerOperation<TransferOwnershipOperation>({
  effectiveInstant: (op) => op.body.ownership_transfer.effective_date,
  handle: createTransfer,
});

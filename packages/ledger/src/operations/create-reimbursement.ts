/** create_reimbursement (docs/ledger.md): positive balance paid back to the borrower. */
import { createReimbursement } from '../reimbursement.js';
import { defineLedgerOperation, type BodyBase, type Open, type OperationBase } from './define.js';

export interface CreateReimbursementBody extends BodyBase {
  /** `value` is greater than 0 (checked by contracts). */
  reimbursement: Open & { effective_date: string; value: number };
}

export interface CreateReimbursementOperation extends OperationBase<'create_reimbursement', CreateReimbursementBody> {
  reimbursementId: string;
}

/** The 200 body: the `reimbursement` echoed as sent. */
export interface CreateReimbursementResult {
  id: string;
  kordev_id: number;
  positive_balance_after: number;
  reimbursement: CreateReimbursementBody['reimbursement'];
  request_id: string | null;
}

export const createReimbursementOperation = defineLedgerOperation<CreateReimbursementOperation, CreateReimbursementResult, 'positive_balance.reimbursed'>({
  effectiveInstant: (op) => op.body.reimbursement.effective_date,
  handle: createReimbursement,
  steps: { reimbursement: 'REIMBURSEMENT' },
});

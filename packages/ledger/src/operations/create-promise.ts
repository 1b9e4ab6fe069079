/** create_promise (docs/ledger.md, "Promise to pay"): moves no balance; effective on the day recorded. */
import { createPromise } from '../promises.js';
import { defineLedgerOperation, type BodyBase, type Open, type OperationBase } from './define.js';

export interface CreatePromiseBody extends BodyBase {
  /** `amount` is greater than 0 and `due_date` a `YYYY-MM-DD` day (checked by contracts). */
  promise: Open & { amount: number; due_date: string; loan_id?: string | null | undefined };
}

export interface CreatePromiseOperation extends OperationBase<'create_promise', CreatePromiseBody> {
  promiseId: string;
}

/** The 200 body: the `promise` echoed as sent, with its state on its effective day. */
export interface CreatePromiseResult {
  effective_date: string;
  id: string;
  kordev_id: number;
  paid_toward: number;
  promise: CreatePromiseBody['promise'];
  request_id: string | null;
  state: 'active' | 'kept' | 'broken' | 'canceled';
}

// No event of its own: `promise.kept` is reported by `apply` for whichever operation keeps a
// promise (promises.ts), this one included when same-day payments already cover it.
export const createPromiseOperation = defineLedgerOperation<CreatePromiseOperation, CreatePromiseResult>({
  effectiveInstant: () => undefined,
  handle: createPromise,
  // A promise moves no balance: no history.
  steps: {},
});

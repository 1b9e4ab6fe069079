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

export const createPromiseOperation = defineLedgerOperation<CreatePromiseOperation>({
  effectiveInstant: () => undefined,
  handle: createPromise,
});

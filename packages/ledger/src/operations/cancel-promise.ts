/** cancel_promise (docs/ledger.md, "Promise to pay"): an active promise cancelled from the day recorded. */
import { cancelPromise } from '../promises.js';
import { defineLedgerOperation, type BodyBase, type Open, type OperationBase } from './define.js';

export interface CancelPromiseBody extends BodyBase {
  promise_cancellation?: Open & { reason?: string | null | undefined };
}

export interface CancelPromiseOperation extends OperationBase<'cancel_promise', CancelPromiseBody> {
  promiseId: string;
}

/** The 200 body. */
export interface CancelPromiseResult {
  effective_date: string;
  /** The cancellation operation's id. */
  id: string;
  kordev_id: number;
  paid_toward: number;
  promise_cancellation: NonNullable<CancelPromiseBody['promise_cancellation']> | Record<string, never>;
  promise_id: string;
  request_id: string | null;
  state: 'canceled';
}

export const cancelPromiseOperation = defineLedgerOperation<CancelPromiseOperation, CancelPromiseResult>({
  effectiveInstant: () => undefined,
  handle: cancelPromise,
  steps: {},
});

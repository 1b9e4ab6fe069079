/** cancel_promise (docs/ledger.md, "Promise to pay"): an active promise cancelled from the day recorded. */
import { cancelPromise } from '../promises.js';
import { defineLedgerOperation, type BodyBase, type Open, type OperationBase } from './define.js';

export interface CancelPromiseBody extends BodyBase {
  promise_cancellation?: Open & { reason?: string | null | undefined };
}

export interface CancelPromiseOperation extends OperationBase<'cancel_promise', CancelPromiseBody> {
  promiseId: string;
}

export const cancelPromiseOperation = defineLedgerOperation<CancelPromiseOperation>({
  effectiveInstant: () => undefined,
  handle: cancelPromise,
});

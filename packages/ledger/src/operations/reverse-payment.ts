/** reverse_payment (docs/ledger.md): a payment taken out as if never made; effective on the day recorded. */
import { reversePayment } from '../reverse-payment.js';
import { defineLedgerOperation, type BodyBase, type Open, type OperationBase } from './define.js';

export interface ReversePaymentBody extends BodyBase {
  payment_reversal?: Open & { reason?: string | null | undefined };
}

export interface ReversePaymentOperation extends OperationBase<'reverse_payment', ReversePaymentBody> {
  paymentId: string;
}

export const reversePaymentOperation = defineLedgerOperation<ReversePaymentOperation>({
  effectiveInstant: () => undefined,
  handle: reversePayment,
});

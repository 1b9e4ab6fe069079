/** reverse_payment (docs/ledger.md): a payment taken out as if never made; effective on the day recorded. */
import { reversePayment } from '../reverse-payment.js';
import { defineLedgerOperation, type BodyBase, type Open, type OperationBase } from './define.js';

export interface ReversePaymentBody extends BodyBase {
  payment_reversal?: Open & { reason?: string | null | undefined };
}

export interface ReversePaymentOperation extends OperationBase<'reverse_payment', ReversePaymentBody> {
  paymentId: string;
}

/** The 200 body; `id` is the reversal's operation id. */
export interface ReversePaymentResult {
  id: string;
  kordev_id: number;
  payment_id: string;
  reason: string | null;
  request_id: string | null;
  reversed_amount: number;
}

export const reversePaymentOperation = defineLedgerOperation<ReversePaymentOperation, ReversePaymentResult, 'payment.reversed'>({
  effectiveInstant: () => undefined,
  handle: reversePayment,
  steps: { payment_reversal: 'PAYMENT_REVERSAL' },
});

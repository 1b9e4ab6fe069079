/** create_payment (docs/ledger.md "Payments"). */
import type { PaymentConfig } from '../configs.js';
import { createPayment } from '../payments.js';
import { defineLedgerOperation, type BodyBase, type Open, type OperationBase } from './define.js';

export interface PaymentAllocation {
  loan_id: string;
  amount: number;
}

export interface CreatePaymentBody extends BodyBase {
  payment: Open & { amount_paid: number; config_id?: string | null | undefined; payment_date: string };
  /** When given, sums exactly to `amount_paid` and names each loan once (checked by contracts). */
  payment_allocations?: PaymentAllocation[] | null | undefined;
}

export interface CreatePaymentOperation extends OperationBase<'create_payment', CreatePaymentBody> {
  paymentId: string;
  paymentConfig: PaymentConfig;
}

export const createPaymentOperation = defineLedgerOperation<CreatePaymentOperation>({
  effectiveInstant: (op) => op.body.payment.payment_date,
  handle: createPayment,
});

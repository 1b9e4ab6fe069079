/** create_payment (docs/ledger.md "Payments"). */
import type { BucketType } from '../api.js';
import type { PaymentConfig } from '../configs.js';
import { createPayment } from '../payments.js';
import { defineLedgerOperation, type BodyBase, type Open, type OperationBase } from './define.js';

export interface PaymentAllocation {
  loan_id: string;
  amount: number;
}

export interface CreatePaymentBody extends BodyBase {
  payment: Open & {
    amount_paid: number;
    config_id?: string | null | undefined;
    payment_date: string;
    /** Overrides the payment config's (docs/ledger.md, "Payoff and prepayment"). */
    prepayment_effect?: 'pay_ahead' | 'reduce_term' | 'reduce_installment' | undefined;
  };
  /** When given, sums exactly to `amount_paid` and names each loan once (checked by contracts). */
  payment_allocations?: PaymentAllocation[] | null | undefined;
}

export interface CreatePaymentOperation extends OperationBase<'create_payment', CreatePaymentBody> {
  paymentId: string;
  paymentConfig: PaymentConfig;
}

/** One loan's part of a payment as applied, per bucket. */
export interface AppliedAllocation {
  loan_id: string;
  /** The sum of `buckets`. */
  amount: number;
  buckets: Record<BucketType, number>;
}

/** The 200 body: the request echoed, the split applied, what went to the positive balance. */
export interface CreatePaymentResult {
  applied_allocations: AppliedAllocation[];
  id: string;
  kordev_id: number;
  payment: CreatePaymentBody['payment'];
  payment_allocations: PaymentAllocation[] | null;
  positive_balance_amount: number;
  request_id: string | null;
}

export const createPaymentOperation = defineLedgerOperation<CreatePaymentOperation, CreatePaymentResult, 'payment.applied'>({
  effectiveInstant: (op) => op.body.payment.payment_date,
  handle: createPayment,
  steps: { payment: 'PAYMENT_APPLICATION', prepayment: 'PREPAYMENT', recovery: 'RECOVERY' },
});

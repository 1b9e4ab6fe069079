/** create_payoff (docs/ledger.md "Payoff and prepayment"). */
import type { PaymentConfig } from '../configs.js';
import { createPayoff } from '../payoff.js';
import { defineLedgerOperation, type BodyBase, type Open, type OperationBase } from './define.js';

export interface CreatePayoffBody extends BodyBase {
  payoff: Open & { amount_paid: number; payment_date: string; config_id?: string | null | undefined };
}

export interface CreatePayoffOperation extends OperationBase<'create_payoff', CreatePayoffBody> {
  loanId: string;
  payoffId: string;
  /** Its allocation order pays the quote within each installment. */
  paymentConfig: PaymentConfig;
}

/** The 200 body. */
export interface CreatePayoffResult {
  amount_paid: number;
  id: string;
  kordev_id: number;
  loan_id: string;
  payoff_amount: number;
  request_id: string | null;
  to_positive_balance: number;
}

export const createPayoffOperation = defineLedgerOperation<CreatePayoffOperation, CreatePayoffResult, 'loan.paid_off'>({
  effectiveInstant: (op) => op.body.payoff.payment_date,
  handle: createPayoff,
  steps: { payoff: 'PAYOFF' },
});

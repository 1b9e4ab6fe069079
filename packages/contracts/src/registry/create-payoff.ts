/** create_payoff (docs/api.md, docs/ledger.md "Payoff and prepayment"): its route, schemas, key, configs, ledger value and examples. */
import { createPayoffBodySchema, createPayoffExample, createPayoffResultSchema } from '../operations/create-payoff.js';
import { payoffParamsSchema } from '../operations/params.js';
import { configRef, domainEvent, defineOperation, requiredConfig } from './define-operation.js';
import { z } from 'zod';
import { payoffBreakdownSchema } from '../responses/payoff.js';

const day = z.string().meta({ format: 'date' });

/** `loan.paid_off` (docs/events.md). */
export const loanPaidOffEvent = domainEvent('loan.paid_off', {
    payoff_id: z.string(),
    payment_date: z.string().meta({ description: 'As sent' }),
    paid_off_date: day.meta({ description: 'The ledger day the loan was paid off' }),
    amount_paid: z.number(),
    payoff_amount: z.number().meta({ description: 'The quote paid' }),
    to_positive_balance: z.number().meta({ description: 'What was paid above the quote' }),
    breakdown: payoffBreakdownSchema,
  });

export const createPayoff = defineOperation({
  type: 'create_payoff',
  path: '/v1/borrowers/:borrower_id/loans/:loan_id/payoffs/:payoff_id/create',
  summary: 'Pay off a loan: at least its payoff quote on the payment day (the rest closed, the excess to positive balance)',
  paramsSchema: payoffParamsSchema,
  bodySchema: createPayoffBodySchema,
  borrowerIdOf: (params) => params.borrower_id,
  naturalKeyOf: (p) => [p.borrower_id, p.loan_id, p.payoff_id],
  configRefsOf: (b) => [configRef('payments', 'payoff.config_id', b.payoff.config_id)],
  toLedger: ({ base, params, body, configs }) => ({
    ...base, type: 'create_payoff', body, loanId: params.loan_id, payoffId: params.payoff_id, paymentConfig: requiredConfig(configs, 'payments'),
  }),
  resultSchema: createPayoffResultSchema,
  events: [loanPaidOffEvent],
  example: () => ({ params: { borrower_id: 'B1', loan_id: 'L1', payoff_id: 'PO1' }, body: createPayoffExample.request }),
  resultExample: () => createPayoffExample.result,
});

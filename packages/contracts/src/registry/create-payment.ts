/** create_payment (docs/api.md): its route, schemas, key, configs, ledger value and examples. */
import { createPaymentBodySchema } from '../operations/create-payment.js';
import { paymentParamsSchema } from '../operations/params.js';
import { domainEvent, defineOperation, requiredConfig, configRef } from './define-operation.js';
import { appliedAllocationSchema, createPaymentResultSchema } from '../responses/seed-results.js';
import { seedResultExamples } from '../examples/responses.js';
import { z } from 'zod';
import { paymentAllocationSchema } from '../operations/create-payment.js';

/** `payment.applied` (docs/events.md). */
export const paymentAppliedEvent = domainEvent('payment.applied', {
    amount_paid: z.number(),
    applied_allocations: z.array(appliedAllocationSchema),
    payment_allocations: z.array(paymentAllocationSchema).nullable().meta({ description: 'As sent' }),
    payment_date: z.string().nullable().meta({ description: 'As sent' }),
    payment_id: z.string(),
    positive_balance_amount: z.number(),
  });

export const createPayment = defineOperation({
  type: 'create_payment',
  path: '/v1/borrowers/:borrower_id/payments/:payment_id/create',
  summary: 'Create payment',
  paramsSchema: paymentParamsSchema,
  bodySchema: createPaymentBodySchema,
  borrowerIdOf: (params) => params.borrower_id,
  naturalKeyOf: (p) => [p.borrower_id, p.payment_id],
  configRefsOf: (b) => [configRef('payments', 'payment.config_id', b.payment.config_id)],
  toLedger: ({ base, params, body, configs }) => ({ ...base, type: 'create_payment', body, paymentId: params.payment_id, paymentConfig: requiredConfig(configs, 'payments') }),
  resultSchema: createPaymentResultSchema,
  events: [paymentAppliedEvent],
  example: () => ({
    params: { borrower_id: 'B1', payment_id: 'P1' },
    body: {
      payment: { amount_paid: 250000, config_id: null, payment_date: '2020-02-01T10:00:00-05:00' },
      payment_allocations: [{ loan_id: 'L1', amount: 250000 }],
      occurred_on: '2020-02-01T10:00:00-05:00',
      request_id: 'string',
    },
  }),
  resultExample: () => seedResultExamples.create_payment,
});

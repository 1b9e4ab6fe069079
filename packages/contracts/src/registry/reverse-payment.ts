/** reverse_payment (docs/api.md): its route, schemas, key, configs, ledger value and examples. */
import { reversePaymentBodySchema } from '../operations/reverse-payment.js';
import { paymentParamsSchema } from '../operations/params.js';
import { domainEvent, defineOperation } from './define-operation.js';
import { reversePaymentResultSchema } from '../responses/lifecycle-results.js';
import { z } from 'zod';

const day = z.string().meta({ format: 'date' });

/** `payment.reversed` (docs/events.md). */
export const paymentReversedEvent = domainEvent('payment.reversed', {
    payment_date: day,
    payment_id: z.string(),
    reason: z.string().nullable(),
    reversed_amount: z.number(),
  });

export const reversePayment = defineOperation({
  type: 'reverse_payment',
  path: '/v1/borrowers/:borrower_id/payments/:payment_id/reverse',
  summary: 'Reverse payment',
  paramsSchema: paymentParamsSchema,
  bodySchema: reversePaymentBodySchema,
  borrowerIdOf: (params) => params.borrower_id,
  naturalKeyOf: (p) => [p.borrower_id, p.payment_id],
  configRefsOf: () => [],
  toLedger: ({ base, params, body }) => ({ ...base, type: 'reverse_payment', body, paymentId: params.payment_id }),
  resultSchema: reversePaymentResultSchema,
  events: [paymentReversedEvent],
  example: () => ({
    params: { borrower_id: 'B1', payment_id: 'P1' },
    body: { payment_reversal: { reason: 'NSF' }, occurred_on: '2024-03-05T10:00:00-05:00', request_id: 'string' },
  }),
  resultExample: () => ({ id: '0b6f7c1e-8d0a-4a57-9a43-3c1f0e7d9a11', kordev_id: 3, payment_id: 'P1', reason: 'NSF', request_id: 'string', reversed_amount: 100000 }),
});

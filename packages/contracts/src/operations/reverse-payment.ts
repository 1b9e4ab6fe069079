import { z } from 'zod';
import { expected, occurredOnSchema, requestIdSchema } from '../primitives.js';

/** docs/ledger.md "Payment reversal": why the payment came back (bounced, returned, ...). */
export const paymentReversalSchema = z
  .looseObject({ reason: z.string({ error: expected('a string') }).nullable().optional() })
  .meta({ id: 'PaymentReversal' });

/** `payment_reversal` may be omitted (no reason). The reversal is effective on the day it is recorded. */
export const reversePaymentBodySchema = z
  .object({
    payment_reversal: paymentReversalSchema.default({}),
    occurred_on: occurredOnSchema,
    request_id: requestIdSchema,
  })
  .meta({ id: 'ReversePaymentRequest' });

export type ReversePaymentBody = z.output<typeof reversePaymentBodySchema>;

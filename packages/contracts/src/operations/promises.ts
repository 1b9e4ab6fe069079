import { z } from 'zod';
import { amountSchema, daySchema, idSchema, occurredOnSchema, reasonOnlySchema, requestIdSchema } from '../primitives.js';

/**
 * docs/ledger.md "Promise to pay": what the borrower will pay (`amount`, more than 0) by the end
 * of `due_date` (a day in the lender's calendar), toward one loan or (without `loan_id`) toward
 * whatever they owe. A due date before the promise's effective day is refused by the ledger
 * (the effective day is the day the operation is recorded).
 */
export const promiseSchema = z
  .looseObject({
    amount: amountSchema.refine((v) => v > 0, { error: 'Must be greater than 0' }),
    due_date: daySchema.meta({ description: 'The last day a payment counts (YYYY-MM-DD, the lender\'s calendar)' }),
    loan_id: idSchema.nullable().optional().meta({ description: 'Only payments applied to this loan count; without it, every payment of the borrower' }),
  })
  .meta({ id: 'Promise' });

export const createPromiseBodySchema = z
  .object({
    promise: promiseSchema,
    occurred_on: occurredOnSchema,
    request_id: requestIdSchema,
  })
  .meta({ id: 'CreatePromiseRequest' });

/** docs/ledger.md "Promise to pay": why it was cancelled (optional). */
export const promiseCancellationSchema = reasonOnlySchema('PromiseCancellation');

/** `promise_cancellation` may be omitted (no reason). The cancellation is effective on the day it is recorded. */
export const cancelPromiseBodySchema = z
  .object({
    promise_cancellation: promiseCancellationSchema.default({}),
    occurred_on: occurredOnSchema,
    request_id: requestIdSchema,
  })
  .meta({ id: 'CancelPromiseRequest' });

export type CreatePromiseBody = z.output<typeof createPromiseBodySchema>;
export type CancelPromiseBody = z.output<typeof cancelPromiseBodySchema>;

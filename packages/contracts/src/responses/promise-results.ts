/** 200 bodies of the promise operations (docs/ledger.md "Promise to pay"). */
import { z } from 'zod';
import { promiseCancellationSchema, promiseSchema } from '../operations/promises.js';

const kordevId = z.number().int().min(1).meta({ description: 'Unique per borrower, assigned in order (1, 2, 3, ...)' });
const requestId = z.string().nullable().meta({ description: 'Echoed unmodified from the request.' });
const day = (description: string) => z.string().meta({ format: 'date', description });

/** A promise's state (docs/ledger.md "Promise to pay"). */
export const promiseStateSchema = z.enum(['active', 'kept', 'broken', 'canceled']).meta({
  id: 'PromiseState',
  description: '`active` from its effective day; `kept` once the payments that count reach `amount`; `broken` from the day after `due_date` otherwise; `canceled` by cancel promise',
});

/** 200 of create promise. */
export const createPromiseResultSchema = z
  .strictObject({
    effective_date: day('The day the promise takes effect (payments from this day on count)'),
    id: z.string().meta({ description: 'The promise id.' }),
    kordev_id: kordevId,
    paid_toward: z.number().meta({ description: 'What the payments that count add up to on the effective day (same-day payments count)' }),
    promise: z.looseObject(promiseSchema.shape).meta({ description: 'As sent' }),
    request_id: requestId,
    state: promiseStateSchema,
  })
  .meta({ id: 'CreatePromiseResult' });

/** 200 of cancel promise. */
export const cancelPromiseResultSchema = z
  .strictObject({
    effective_date: day('The day the cancellation takes effect'),
    id: z.string().meta({ description: 'The cancellation operation id.' }),
    kordev_id: kordevId,
    paid_toward: z.number().meta({ description: 'What the payments that counted added up to when it was cancelled' }),
    promise_cancellation: z.looseObject(promiseCancellationSchema.shape).meta({ description: 'As sent' }),
    promise_id: z.string(),
    request_id: requestId,
    state: z.literal('canceled'),
  })
  .meta({ id: 'CancelPromiseResult' });

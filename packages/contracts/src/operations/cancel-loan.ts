import { z } from 'zod';
import { dateTimeSchema, occurredOnSchema, requestIdSchema } from '../primitives.js';

/** docs/api.md: without `effective_date` the cancellation takes effect on the day it is recorded. */
export const loanCancellationSchema = z
  .looseObject({ effective_date: dateTimeSchema.optional() })
  .meta({ id: 'LoanCancellation' });

/** `loan_cancellation` may be omitted: `{}` cancels as of the recorded day. */
export const cancelLoanBodySchema = z
  .object({
    loan_cancellation: loanCancellationSchema.default({}),
    occurred_on: occurredOnSchema,
    request_id: requestIdSchema,
  })
  .meta({ id: 'CancelLoanRequest' });

export type CancelLoanBody = z.output<typeof cancelLoanBodySchema>;

import { z } from 'zod';
import { amountSchema, dateTimeSchema, occurredOnSchema, requestIdSchema } from '../primitives.js';

/** docs/ledger.md "Reimbursement": paid back from the positive balance on `effective_date`. */
export const reimbursementSchema = z
  .looseObject({
    effective_date: dateTimeSchema,
    value: amountSchema.refine((v) => v > 0, { error: 'Must be greater than 0' }),
  })
  .meta({ id: 'Reimbursement' });

export const createReimbursementBodySchema = z
  .object({
    reimbursement: reimbursementSchema,
    occurred_on: occurredOnSchema,
    request_id: requestIdSchema,
  })
  .meta({ id: 'CreateReimbursementRequest' });

export type CreateReimbursementBody = z.output<typeof createReimbursementBodySchema>;

import { z } from 'zod';
import { waiverScopeSchema, waiverTypeSchema } from '../buckets.js';
import { amountSchema, configIdSchema, dateTimeSchema, occurredOnSchema, percentageSchema, requestIdSchema } from '../primitives.js';

/**
 * The amount a waiver needs for its type: `amount` for type amount, `percentage` for type
 * percentage (the other may be present, as in the seed's example, and is ignored).
 */
export function checkWaiverAmount(
  waiver: { type: 'amount' | 'percentage'; amount?: number | null | undefined; percentage?: number | null | undefined },
  ctx: z.RefinementCtx,
): void {
  if (waiver.type === 'amount' && (waiver.amount === undefined || waiver.amount === null)) {
    ctx.addIssue({ code: 'custom', path: ['amount'], message: 'Required when type is amount', input: waiver.amount });
  }
  if (waiver.type === 'percentage' && (waiver.percentage === undefined || waiver.percentage === null)) {
    ctx.addIssue({ code: 'custom', path: ['percentage'], message: 'Required when type is percentage', input: waiver.percentage });
  }
}

/** The create-waiver seed's `waiver`; `effective_date` is required (decision: a waiver's day is its meaning). */
export const waiverSchema = z
  .looseObject({
    amount: amountSchema.nullable().optional(),
    bucket: waiverScopeSchema,
    config_id: configIdSchema.nullable().optional(),
    effective_date: dateTimeSchema,
    percentage: percentageSchema.nullable().optional(),
    reason: z.string().nullable().optional(),
    type: waiverTypeSchema,
  })
  .superRefine(checkWaiverAmount)
  .meta({ id: 'Waiver' });

export const createWaiverBodySchema = z
  .object({
    occurred_on: occurredOnSchema,
    request_id: requestIdSchema,
    waiver: waiverSchema,
  })
  .meta({ id: 'CreateWaiverRequest' });

export type CreateWaiverBody = z.output<typeof createWaiverBodySchema>;

import { z } from 'zod';
import { bucketTypeSchema } from '../buckets.js';
import { BOUNDS, dateTimeSchema, expected, hasCents, idSchema, occurredOnSchema, requestIdSchema } from '../primitives.js';

export const adjustmentParamsSchema = z.object({ borrower_id: idSchema, loan_id: idSchema, adjustment_id: idSchema });
export type AdjustmentParams = z.output<typeof adjustmentParamsSchema>;

/** A signed, non-zero money amount: positive adds to the bucket, negative removes. */
const signedAmountSchema = z
  .number({ error: expected('a number') })
  .min(-BOUNDS.maxAmount, { error: `Must be at least -${BOUNDS.maxAmount} (-10^13)` })
  .max(BOUNDS.maxAmount, { error: `Must be at most ${BOUNDS.maxAmount} (10^13)` })
  .refine((v) => v !== 0, { error: 'Must not be 0' })
  .refine(hasCents, { error: `Must have at most ${BOUNDS.amountDecimals} decimals` })
  .meta({ multipleOf: 0.01 });

/** docs/ledger.md "Balance adjustment": one bucket of one installment, corrected by hand. */
export const balanceAdjustmentSchema = z
  .looseObject({
    effective_date: dateTimeSchema,
    bucket: bucketTypeSchema,
    installment: z
      .number({ error: expected('an integer') })
      .int({ error: 'Must be an integer' })
      .min(1, { error: 'Must be at least 1' })
      .max(10_000, { error: 'Must be at most 10000' })
      .nullable()
      .optional()
      .meta({ description: 'Installment number, from 1; absent or null: the installment current on effective_date.' }),
    amount: signedAmountSchema,
    reason: z.string({ error: expected('a string') }).nullable().optional(),
  })
  .meta({ id: 'BalanceAdjustment' });

export const createBalanceAdjustmentBodySchema = z
  .object({
    balance_adjustment: balanceAdjustmentSchema,
    occurred_on: occurredOnSchema,
    request_id: requestIdSchema,
  })
  .meta({ id: 'CreateBalanceAdjustmentRequest' });

export type CreateBalanceAdjustmentBody = z.output<typeof createBalanceAdjustmentBodySchema>;

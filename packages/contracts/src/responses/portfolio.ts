import { z } from 'zod';
import { idSchema } from '../primitives.js';

/**
 * docs/reads.md "Portfolio": `GET /v1/borrowers/loans/get_summary` and `GET /v1/portfolio/aging`,
 * both as of today in the ledger's time zone.
 */

const days = (name: string) =>
  z.coerce
    .number({ error: 'Must be an integer from 0 to 36500' })
    .int({ error: 'Must be an integer from 0 to 36500' })
    .min(0, { error: 'Must be an integer from 0 to 36500' })
    .max(36500, { error: 'Must be an integer from 0 to 36500' })
    .optional()
    .meta({ description: name });

const bool = (description: string) =>
  z
    .enum(['true', 'false'], { error: 'Must be true or false' })
    .transform((v) => v === 'true')
    .optional()
    .meta({ description });

export const getSummaryQuerySchema = z
  .object({
    owner: idSchema.optional().meta({ description: "Only the loans of this owner (the loan's owner today)" }),
    min_days_past_due: days('Only loans at least this many days past due'),
    max_days_past_due: days('Only loans at most this many days past due'),
    delinquency_bucket: z.string().min(1, { error: 'Must be a bucket code' }).max(64, { error: 'Must be at most 64 characters' }).optional().meta({ description: "Only loans in this bucket of their loan config's `delinquency_buckets` (e.g. `31-60`)" }),
    is_cancelled: bool('Only cancelled (true) or not cancelled (false) loans'),
    is_charged_off: bool('Only charged-off (true) or not charged-off (false) loans'),
    cursor: z.string().max(512, { error: 'Must be a `next_cursor` of a previous page' }).optional().meta({ description: '`next_cursor` of the previous page' }),
    limit: z.coerce
      .number({ error: 'Must be an integer from 1 to 1000' })
      .int({ error: 'Must be an integer from 1 to 1000' })
      .min(1, { error: 'Must be an integer from 1 to 1000' })
      .max(1000, { error: 'Must be an integer from 1 to 1000' })
      .optional()
      .meta({ description: 'Page size (default 100)' }),
  })
  .superRefine((q, ctx) => {
    if (q.min_days_past_due !== undefined && q.max_days_past_due !== undefined && q.min_days_past_due > q.max_days_past_due) {
      ctx.addIssue({ code: 'custom', path: ['max_days_past_due'], message: 'Must be at least min_days_past_due', input: q.max_days_past_due });
    }
  });

export const portfolioLoanSchema = z
  .object({
    borrower_id: z.string(),
    loan_id: z.string(),
    owner: z.string().nullable(),
    days_past_due: z.number().int().meta({ description: "Today minus the due day of the loan's oldest installment still owing; 0 when none is past due" }),
    delinquency_bucket: z.string(),
    next_payment_date: z.string().nullable().meta({ format: 'date' }),
    next_payment_amount: z.number(),
    immediate_payment_amount: z.number().meta({ description: 'What is overdue' }),
    full_payment_amount: z.number().meta({ description: 'Everything still owed' }),
    origination_date: z.string(),
    paid_off_date: z.string().nullable().meta({ format: 'date' }),
    is_cancelled: z.boolean(),
    chargeoff_date: z.string().nullable().meta({ format: 'date' }),
  })
  .meta({ id: 'PortfolioLoan' });

export const portfolioSummarySchema = z
  .object({
    loans: z.array(portfolioLoanSchema),
    next_cursor: z.string().nullable().meta({ description: 'Give it as `cursor` for the next page; null on the last' }),
  })
  .meta({ id: 'PortfolioSummary' });

export const getAgingQuerySchema = z.object({
  owner: idSchema.optional().meta({ description: 'Only the loans of this owner' }),
});

const agingFigures = {
  loans: z.number().int(),
  outstanding_principal: z.number(),
  overdue_amount: z.number(),
};

export const portfolioAgingSchema = z
  .object({
    owner: z.string().nullable(),
    as_of: z.string().meta({ format: 'date' }),
    buckets: z.array(z.object({ bucket: z.string(), ...agingFigures })),
    totals: z.object(agingFigures),
  })
  .meta({ id: 'PortfolioAging' });

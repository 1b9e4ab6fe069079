import { z } from 'zod';
import { BUCKET_TYPES } from '../buckets.js';
import { daySchema } from '../primitives.js';

/**
 * docs/reads.md reads, for documentation. The results service and the ledger own the detail; these
 * schemas pin the names docs/reads.md promises and allow more.
 */

export const bucketBalanceSchema = z
  .looseObject({
    initial_balance: z.number(),
    paid: z.number(),
    waived_off: z.number(),
    charged_off: z.number(),
    current: z.number(),
    overdue: z.number(),
    unpaid: z.number(),
    total: z.number(),
  })
  .meta({ id: 'BucketBalance' });

const buckets = Object.fromEntries(BUCKET_TYPES.map((b) => [b, bucketBalanceSchema])) as Record<(typeof BUCKET_TYPES)[number], typeof bucketBalanceSchema>;

export const loanStatusSchema = z
  .looseObject({
    attributes: z.looseObject({
      id: z.string(),
      kordev_id: z.number().int(),
      amount_financed: z.number(),
      config_id: z.string(),
      due_dates: z.array(z.string()),
      fixed_installment_amount: z.number(),
      interest_rates: z.looseObject({ fixed: z.looseObject({}), applicable: z.looseObject({}) }),
      is_cancelled: z.boolean(),
      chargeoff_date: z.string().nullable().meta({ format: 'date', description: 'The charge-off day (docs/ledger.md "Charge-off"), or null' }),
      installment_amount_at_origination: z.number().meta({ description: "The first installment's scheduled principal, interest and installment fees at origination" }),
      owner: z.string().nullable(),
      origination_date: z.string(),
      paid_off_date: z.string().nullable(),
    }),
    balance_detail: z.looseObject({ at_calculation_date: z.looseObject(buckets) }),
    installments: z.array(z.looseObject({
      restructured: z.boolean().meta({ description: 'Closed by a restructuring; its amounts were carried into the new principal' }),
    })),
    payments: z.array(z.looseObject({
      type: z.enum(['payment', 'payoff', 'positive_balance_application', 'cancellation_refund']),
      is_reversed: z.boolean().meta({ description: 'A reversed payment stays listed, nothing of it applied' }),
      reversal_date: z.string().nullable(),
    })),
    restructurings: z.array(z.looseObject({ id: z.string(), effective_date: z.string(), principal: z.number() })),
    prepayments: z
      .array(z.looseObject({
        payment_id: z.string(),
        date: z.string().meta({ format: 'date' }),
        amount: z.number().meta({ description: 'What went to future principal' }),
        effect: z.enum(['reduce_term', 'reduce_installment']),
      }))
      .meta({ description: 'Payments that prepaid future principal and recomputed the schedule (docs/ledger.md, "Prepayment")' }),
  })
  .meta({ id: 'LoanStatus' });

/** `GET /v1/borrowers/{borrower_id}/get_status`. */
export const borrowerStatusSchema = z
  .looseObject({
    borrower_id: z.string(),
    calculation_date: z.string().meta({ format: 'date' }),
    request_id: z.string().nullable().meta({ description: 'The `request_id` query parameter, echoed; null without one' }),
    loans: z.array(loanStatusSchema),
    positive_balance: z.number(),
    summary: z.looseObject({
      days_past_due: z.number().int(),
      immediate_payment_amount: z.number(),
      next_payment_amount: z.number().nullable(),
      next_payment_date: z.string().nullable(),
      full_payment_amount: z.number(),
      charged_off_amount: z.number().meta({ description: 'Written off by charge-offs and not yet recovered; not in the amounts due' }),
    }),
  })
  .meta({ id: 'BorrowerStatus' });

export const historyEntrySchema = z
  .looseObject({
    loan_id: z.string().nullable(),
    installment_number: z.number().int().nullable(),
    bucket_type: z.string(),
    bucket_status: z.string().meta({ description: 'Which amount of the bucket moved: initial, paid, waived, closed; credited/applied (positive_balance); transferred (owner)' }),
    delta: z.number(),
    balance: z.number(),
    effective_date: z.string().meta({ format: 'date' }),
    step_type: z.string().meta({ description: 'Upper snake case: ORIGINATION, PAYMENT_APPLICATION, WAIVER, CANCELLATION, CONSOLIDATION, OWNERSHIP_TRANSFER, DELINQUENCY_INTEREST_ACCRUAL, ... (docs/ledger.md)' }),
    operation_id: z.string().nullable(),
  })
  .meta({ id: 'HistoryEntry' });

/** `GET /v1/borrowers/{borrower_id}/get_history` (paged). */
export const borrowerHistorySchema = z
  .looseObject({
    borrower_id: z.string(),
    calculation_date: z.string().meta({ format: 'date', description: 'History up to this day (accruals included through the day before)' }),
    total: z.number().int().meta({ description: 'Records in the whole history' }),
    offset: z.number().int(),
    limit: z.number().int(),
    next_offset: z.number().int().nullable().meta({ description: 'Offset of the next page; null on the last' }),
    next_cursor: z.string().nullable().meta({ description: 'The same, as an opaque cursor' }),
    records: z.array(historyEntrySchema),
  })
  .meta({ id: 'BorrowerHistory' });

export const getStatusQuerySchema = z.object({
  calculation_date: daySchema
    .optional()
    .meta({ description: "Default: today in the ledger's time zone. A calendar date YYYY-MM-DD, years 1900–2200" }),
  request_id: z.string().max(128).optional().meta({ description: 'Echoed as `request_id` in the answer' }),
});

/** Largest `offset`/`cursor` a history page may start at. */
export const MAX_HISTORY_OFFSET = 1_000_000_000;

/**
 * An integer query parameter from `min` to `max`: every way it can be wrong (not a number, not an
 * integer, out of range) answers `message`, except above `max` when `tooBig` is given.
 */
const queryInt = (min: number, max: number, message: string, tooBig = message) =>
  z.coerce.number({ error: message }).int({ error: message }).min(min, { error: message }).max(max, { error: tooBig });

export const getHistoryQuerySchema = z.object({
  calculation_date: getStatusQuerySchema.shape.calculation_date,
  offset: queryInt(0, MAX_HISTORY_OFFSET, 'Must be a non-negative integer', `Must be at most ${MAX_HISTORY_OFFSET}`)
    .optional()
    .meta({ description: 'Entries to skip (default 0)' }),
  cursor: queryInt(0, MAX_HISTORY_OFFSET, 'Must be a `next_cursor` of a previous page')
    .optional()
    .meta({ description: '`next_cursor` of the previous page (instead of offset)' }),
  limit: queryInt(1, 1000, 'Must be an integer from 1 to 1000')
    .optional()
    .meta({ description: 'Page size (default 100)' }),
});

export const getConfigQuerySchema = z.object({
  version: queryInt(1, 2 ** 31 - 1, 'Must be a positive integer')
    .optional()
    .meta({ description: 'A past version (default: the current one)' }),
});

export const healthSchema = z.looseObject({ status: z.string() }).meta({ id: 'Health' });

/** `GET /readyz`: each check's name → `ok` or what is wrong (503 when any is not `ok`). */
export const readinessSchema = z
  .object({ status: z.enum(['ready', 'not ready']), checks: z.record(z.string(), z.string()) })
  .meta({ id: 'Readiness' });

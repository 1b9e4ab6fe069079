import { z } from 'zod';
import type { HistoryEntry } from '@lsl/ledger';
import { BUCKET_TYPES } from '../buckets.js';
import { daySchema } from '../primitives.js';

/** The docs/reads.md reads, field for field (closed objects): get_status lives in status.ts. */

export { borrowerStatusSchema, bucketBalanceSchema, loanStatusSchema } from './status.js';

export const historyEntrySchema = z
  .strictObject({
    loan_id: z.string().nullable(),
    installment_number: z.number().int().nullable(),
    bucket_type: z.enum([...BUCKET_TYPES, 'positive_balance', 'owner', 'payment', 'loan']).meta({ description: 'A bucket; `positive_balance`; `owner` (an ownership transfer, delta 0); `payment` (a payment reversal, delta 0); `loan` (a cancellation reverted or a consolidation cancelled, delta 0)' }),
    bucket_status: z.string().meta({ description: 'Which amount of the bucket moved: initial, paid, waived, closed; credited/applied (positive_balance); transferred (owner)' }),
    delta: z.number(),
    balance: z.number(),
    effective_date: z.string().meta({ format: 'date' }),
    step_type: z.string().meta({ description: 'Upper snake case: ORIGINATION, PAYMENT_APPLICATION, WAIVER, CANCELLATION, CONSOLIDATION, OWNERSHIP_TRANSFER, DELINQUENCY_INTEREST_ACCRUAL, ... (docs/ledger.md)' }),
    operation_id: z.string().nullable().meta({ description: 'The operation that caused it; null for accruals' }),
    new_owner: z.string().nullable().optional().meta({ description: 'Only on an ownership transfer: the owner from that day' }),
  })
  .meta({ id: 'HistoryEntry' });
/** The history entry schema and the ledger's `HistoryEntry` agree (a type-check error otherwise). */
export const historyAgrees: [z.output<typeof historyEntrySchema>] extends [HistoryEntry] ? ([HistoryEntry] extends [z.output<typeof historyEntrySchema>] ? true : false) : false = true;

/** `GET /v1/borrowers/{borrower_id}/get_history` (paged). */
export const borrowerHistorySchema = z
  .strictObject({
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

export const healthSchema = z.strictObject({ status: z.literal('ok') }).meta({ id: 'Health' });

/** `GET /readyz`: each check's name → `ok` or what is wrong (503 when any is not `ok`). */
export const readinessSchema = z
  .strictObject({ status: z.enum(['ready', 'not ready']), checks: z.record(z.string(), z.string()) })
  .meta({ id: 'Readiness' });

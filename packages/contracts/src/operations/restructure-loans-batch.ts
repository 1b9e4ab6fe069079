import { z } from 'zod';
import { expected, idSchema, occurredOnSchema, requestIdSchema } from '../primitives.js';
import { loanRestructuringSchema } from './create-restructuring.js';
import { CANCEL_BATCH_MAX_ITEMS, asItemRecord } from './cancel-loans-batch.js';

/** `POST /v1/borrowers/loans/restructurings/create`: a JSON array; each item is the single restructuring of its loan. */
export const RESTRUCTURE_LOANS_BATCH_PATH = '/v1/borrowers/loans/restructurings/create';
export const RESTRUCTURE_BATCH_MAX_ITEMS = CANCEL_BATCH_MAX_ITEMS;

/** One item's shape (docs/ledger.md "Restructure loans (batch)"); its terms are then checked as the single restructuring's. */
export const restructureLoansItemSchema = z.object({
  borrower_id: idSchema,
  loan_id: idSchema,
  restructuring_id: idSchema,
  loan_restructuring: z.record(z.string(), z.unknown(), { error: expected('an object') }),
  occurred_on: occurredOnSchema,
  request_id: requestIdSchema,
});

/** For documentation: an item with the restructuring's own schema. */
export const restructureLoansItemDocSchema = restructureLoansItemSchema
  .extend({ loan_restructuring: loanRestructuringSchema })
  .meta({ id: 'RestructureLoansItem' });

/** The batch as a whole: 1..1000 elements of any shape (each item is checked alone). */
export const restructureLoansBatchSchema = z
  .array(z.unknown(), { error: expected('a JSON array of loan restructurings') })
  .min(1, { error: 'Must have at least 1 item' })
  .max(RESTRUCTURE_BATCH_MAX_ITEMS, { error: `Must have at most ${RESTRUCTURE_BATCH_MAX_ITEMS} items` });

export const restructureLoansBatchDocSchema = z.array(restructureLoansItemDocSchema).min(1).max(RESTRUCTURE_BATCH_MAX_ITEMS).meta({ id: 'RestructureLoansRequest' });

/**
 * An item as the single restructuring of its loan (path params + body), so that restructuring
 * through the batch or alone is the same operation under the same idempotency key.
 */
export function restructuringItemAsSingle(item: unknown): { params: Record<string, unknown>; body: Record<string, unknown> } {
  const record = asItemRecord(item);
  const body: Record<string, unknown> = { loan_restructuring: record['loan_restructuring'] };
  if (record['occurred_on'] !== undefined) body['occurred_on'] = record['occurred_on'];
  if (record['request_id'] !== undefined) body['request_id'] = record['request_id'];
  return { params: { borrower_id: record['borrower_id'], loan_id: record['loan_id'], restructuring_id: record['restructuring_id'] }, body };
}

/** A batch of two restructurings (the OpenAPI example). */
export function restructureLoansBatchExample(): unknown[] {
  const terms = (day: string) => ({
    due_dates: [`2024-04-${day}T23:59:59.999999-05:00`, `2024-05-${day}T23:59:59.999999-05:00`],
    effective_date: '2024-03-20T00:00:00-05:00',
    interest_rate: 0.24,
  });
  return [
    { borrower_id: 'B1', loan_id: 'L1', restructuring_id: 'RS1', loan_restructuring: terms('20'), occurred_on: '2024-03-20T10:00:00-05:00', request_id: 'r1' },
    { borrower_id: 'B2', loan_id: 'L7', restructuring_id: 'RS1', loan_restructuring: terms('25'), occurred_on: '2024-03-20T10:00:00-05:00', request_id: 'r2' },
  ];
}

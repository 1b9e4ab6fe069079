import { z } from 'zod';
import { dateTimeSchema, expected, idSchema, occurredOnSchema, requestIdSchema } from '../primitives.js';

export const CANCEL_BATCH_MAX_ITEMS = 1000;

/** `POST /v1/borrowers/loans/cancel`: a JSON array; each item is the single cancel of its loan. */
export const CANCEL_LOANS_BATCH_PATH = '/v1/borrowers/loans/cancel';

/** One item of the batch (docs/ledger.md "Cancellation"); validated alone, fails alone. */
export const cancelLoansItemSchema = z
  .object({
    borrower_id: idSchema,
    loan_cancellation: z
      .looseObject({
        loan_id: idSchema,
        effective_date: dateTimeSchema.optional(),
        reason: z.string({ error: expected('a string') }).nullable().optional(),
      })
      .meta({ id: 'BatchLoanCancellation' }),
    occurred_on: occurredOnSchema,
    request_id: requestIdSchema,
  })
  .meta({ id: 'CancelLoansItem' });

export type CancelLoansItem = z.output<typeof cancelLoansItemSchema>;

/** The batch as a whole: 1..1000 elements of any shape (each item is checked alone). */
export const cancelLoansBatchSchema = z
  .array(z.unknown(), { error: expected('a JSON array of loan cancellations') })
  .min(1, { error: 'Must have at least 1 item' })
  .max(CANCEL_BATCH_MAX_ITEMS, { error: `Must have at most ${CANCEL_BATCH_MAX_ITEMS} items` });

/** For documentation: the batch with its items' schema. */
export const cancelLoansBatchDocSchema = z.array(cancelLoansItemSchema).min(1).max(CANCEL_BATCH_MAX_ITEMS).meta({ id: 'CancelLoansRequest' });

/**
 * An item as the single cancel of its loan (path params + body), so that cancelling a loan
 * through the batch or on its own is the same operation under the same idempotency key.
 */
export function cancelItemAsSingle(item: Record<string, unknown>): { params: { borrower_id: unknown; loan_id: unknown }; body: Record<string, unknown> } {
  const given = item['loan_cancellation'];
  const { loan_id: loanId, ...cancellation }: Record<string, unknown> = isRecord(given) ? given : {};
  const body: Record<string, unknown> = { loan_cancellation: cancellation };
  if (item['occurred_on'] !== undefined) body['occurred_on'] = item['occurred_on'];
  if (item['request_id'] !== undefined) body['request_id'] = item['request_id'];
  return { params: { borrower_id: item['borrower_id'], loan_id: loanId }, body };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A batch item that passed its shape check: an object, read as the lender sent it. */
export function asItemRecord(item: unknown): Record<string, unknown> {
  return isRecord(item) ? item : {};
}

import type { AppError } from '../errors.js';
import type { OperationQuery } from '../primitives.js';
import { fieldsOf, validationError } from '../zod-error.js';
import { parseBatchEnvelope, stringField } from './parse-batch-envelope.js';
import { asItemRecord, cancelItemAsSingle, cancelLoansBatchSchema, cancelLoansItemSchema } from './cancel-loans-batch.js';
import { parseOperation, type ParsedOperation, type ParseOperationOptions, type ParseResult } from './parse-operation.js';

export type CancelItemResult =
  | {
      index: number;
      ok: true;
      value: ParsedOperation<'cancel_loan'>;
      /** The single cancel's body the item stands for (what is recorded and hashed). */
      rawBody: Record<string, unknown>;
    }
  | { index: number; ok: false; error: AppError; borrower_id: string | null; request_id: string | null };

export interface ParsedCancelBatch {
  query: OperationQuery;
  items: CancelItemResult[];
}

/**
 * The cancel-loans batch, as the transfer batch: the array and the query must be valid (else
 * one 400); then each item is checked alone and becomes the single cancel of its loan
 * (`cancel_loan`, idempotency key borrower + loan), or fails by itself.
 */
export function parseCancelBatch(input: { query?: unknown; body: unknown }, options: ParseOperationOptions = {}): ParseResult<ParsedCancelBatch> {
  const batch = parseBatchEnvelope(input, cancelLoansBatchSchema);
  if (!batch.ok) return batch;
  const items = batch.items.map((item, index): CancelItemResult => {
    const failed = (error: AppError): CancelItemResult => ({ index, ok: false, error, borrower_id: stringField(item, 'borrower_id'), request_id: stringField(item, 'request_id') });
    const shape = cancelLoansItemSchema.safeParse(item);
    if (!shape.success) return failed(validationError(fieldsOf(shape.error.issues, 'body')));
    const single = cancelItemAsSingle(asItemRecord(item));
    const parsed = parseOperation('cancel_loan', { params: single.params, query: input.query, body: single.body }, options);
    if (!parsed.ok) return failed(parsed.error);
    return { index, ok: true, value: parsed.value, rawBody: single.body };
  });
  return { ok: true, value: { query: batch.query, items } };
}

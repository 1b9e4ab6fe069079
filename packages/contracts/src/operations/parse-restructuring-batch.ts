import type { AppError } from '../errors.js';
import type { OperationQuery } from '../primitives.js';
import { fieldsOf, validationError } from '../zod-error.js';
import { parseBatchEnvelope, stringField } from './parse-batch-envelope.js';
import { restructureLoansBatchSchema, restructureLoansItemSchema, restructuringItemAsSingle } from './restructure-loans-batch.js';
import { parseOperation, type ParsedOperation, type ParseOperationOptions, type ParseResult } from './parse-operation.js';

export type RestructuringItemResult =
  | {
      index: number;
      ok: true;
      value: ParsedOperation<'create_restructuring'>;
      /** The single restructuring's body the item stands for (what is recorded and hashed). */
      rawBody: Record<string, unknown>;
    }
  | { index: number; ok: false; error: AppError; borrower_id: string | null; request_id: string | null };

export interface ParsedRestructuringBatch {
  query: OperationQuery;
  items: RestructuringItemResult[];
}

/**
 * The restructure-loans batch, as the cancel batch: the array and the query must be valid
 * (else one 400); then each item is checked alone and becomes the single restructuring of its
 * loan (`create_restructuring`, key borrower + loan + restructuring), or fails by itself.
 */
export function parseRestructuringBatch(input: { query?: unknown; body: unknown }, options: ParseOperationOptions = {}): ParseResult<ParsedRestructuringBatch> {
  const batch = parseBatchEnvelope(input, restructureLoansBatchSchema);
  if (!batch.ok) return batch;
  const items = batch.items.map((item, index): RestructuringItemResult => {
    const failed = (error: AppError): RestructuringItemResult => ({ index, ok: false, error, borrower_id: stringField(item, 'borrower_id'), request_id: stringField(item, 'request_id') });
    const shape = restructureLoansItemSchema.safeParse(item);
    if (!shape.success) return failed(validationError(fieldsOf(shape.error.issues, 'body')));
    const single = restructuringItemAsSingle(item);
    const parsed = parseOperation('create_restructuring', { params: single.params, query: input.query, body: single.body }, options);
    if (!parsed.ok) return failed(parsed.error);
    return { index, ok: true, value: parsed.value, rawBody: single.body };
  });
  return { ok: true, value: { query: batch.query, items } };
}

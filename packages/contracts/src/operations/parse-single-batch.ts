import type { z } from 'zod';
import type { AppError } from '../errors.js';
import type { OperationQuery } from '../primitives.js';
import { fieldsOf, validationError } from '../zod-error.js';
import { parseBatchEnvelope, stringField } from './parse-batch-envelope.js';
import { parseOperation, type ParsedOperation, type ParseOperationOptions, type ParseResult } from './parse-operation.js';
import type { OperationType } from './catalog.js';

/** One item of a batch of single operations: the operation it stands for, or its own failure. */
export type SingleItemResult<T extends OperationType> =
  | {
      index: number;
      ok: true;
      value: ParsedOperation<T>;
      /** The single operation's body the item stands for (what is recorded and hashed). */
      rawBody: Record<string, unknown>;
    }
  | { index: number; ok: false; error: AppError; borrower_id: string | null; request_id: string | null };

export interface ParsedSingleBatch<T extends OperationType> {
  query: OperationQuery;
  items: Array<SingleItemResult<T>>;
}

/** A batch whose every item is one single operation of `type` (the cancel and restructuring batches). */
export interface SingleBatchShape<T extends OperationType, Item> {
  type: T;
  batchSchema: z.ZodType<Item[]>;
  itemSchema: z.ZodType;
  /** The single operation's path params and body the item stands for. */
  asSingle: (item: Item) => { params: unknown; body: Record<string, unknown> };
}

/**
 * A batch of single operations, answered like the transfer batch (docs/api.md "Batches"): the
 * array and the query must be valid (else one 400); then each item is checked alone and becomes
 * the single operation it stands for (same validation, same natural key), or fails by itself.
 */
export function parseSingleBatch<T extends OperationType, Item>(
  shape: SingleBatchShape<T, Item>,
  input: { query?: unknown; body: unknown },
  options: ParseOperationOptions = {},
): ParseResult<ParsedSingleBatch<T>> {
  const batch = parseBatchEnvelope(input, shape.batchSchema);
  if (!batch.ok) return batch;
  const items = batch.items.map((item, index): SingleItemResult<T> => {
    const failed = (error: AppError): SingleItemResult<T> => ({ index, ok: false, error, borrower_id: stringField(item, 'borrower_id'), request_id: stringField(item, 'request_id') });
    const checked = shape.itemSchema.safeParse(item);
    if (!checked.success) return failed(validationError(fieldsOf(checked.error.issues, 'body')));
    const single = shape.asSingle(item);
    const parsed = parseOperation(shape.type, { params: single.params, query: input.query, body: single.body }, options);
    if (!parsed.ok) return failed(parsed.error);
    return { index, ok: true, value: parsed.value, rawBody: single.body };
  });
  return { ok: true, value: { query: batch.query, items } };
}

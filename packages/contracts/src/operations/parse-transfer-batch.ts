import { AppError } from '../errors.js';
import { operationQuerySchema, type OperationQuery } from '../primitives.js';
import { fieldsOf, validationError } from '../zod-error.js';
import { parseOperation, type ParsedOperation, type ParseOperationOptions, type ParseResult } from './parse-operation.js';
import { transferBatchSchema } from './transfer-ownership.js';

export type TransferItemResult =
  | { index: number; ok: true; value: ParsedOperation<'transfer_ownership'> }
  | {
      index: number;
      ok: false;
      error: AppError;
      /** What the item said, when it was a string, for the batch's `failed` entry. */
      borrower_id: string | null;
      request_id: string | null;
    };

export interface ParsedTransferBatch {
  query: OperationQuery;
  items: TransferItemResult[];
}

function stringField(item: unknown, name: string): string | null {
  if (typeof item !== 'object' || item === null) return null;
  const value = (item as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : null;
}

/**
 * The transfer batch: the array itself (1..1000 items) and the query must be valid, else one
 * 400 for the whole request; then each item is validated alone (with the batch's
 * `is_migration`), and a bad item fails by itself.
 */
export function parseTransferBatch(
  input: { query?: unknown; body: unknown },
  options: ParseOperationOptions = {},
): ParseResult<ParsedTransferBatch> {
  const query = operationQuerySchema.safeParse(typeof input.query === 'object' && input.query !== null ? input.query : {});
  const batch = transferBatchSchema.safeParse(input.body);
  if (!query.success || !batch.success) {
    return {
      ok: false,
      error: validationError({
        ...(query.success ? {} : fieldsOf(query.error.issues, 'query')),
        ...(batch.success ? {} : fieldsOf(batch.error.issues, 'body')),
      }),
    };
  }
  const items = batch.data.map((item, index): TransferItemResult => {
    const parsed = parseOperation('transfer_ownership', { query: input.query, body: item }, options);
    if (parsed.ok) return { index, ok: true, value: parsed.value };
    return { index, ok: false, error: parsed.error, borrower_id: stringField(item, 'borrower_id'), request_id: stringField(item, 'request_id') };
  });
  return { ok: true, value: { query: query.data, items } };
}

import type { AppError } from '../errors.js';
import type { OperationQuery } from '../primitives.js';
import { parseBatchEnvelope, stringField } from './parse-batch-envelope.js';
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

/**
 * The transfer batch: the array itself (1..1000 items) and the query must be valid, else one
 * 400 for the whole request; then each item is validated alone (with the batch's
 * `is_migration`), and a bad item fails by itself.
 */
export function parseTransferBatch(
  input: { query?: unknown; body: unknown },
  options: ParseOperationOptions = {},
): ParseResult<ParsedTransferBatch> {
  const batch = parseBatchEnvelope(input, transferBatchSchema);
  if (!batch.ok) return batch;
  const items = batch.items.map((item, index): TransferItemResult => {
    const parsed = parseOperation('transfer_ownership', { query: input.query, body: item }, options);
    if (parsed.ok) return { index, ok: true, value: parsed.value };
    return { index, ok: false, error: parsed.error, borrower_id: stringField(item, 'borrower_id'), request_id: stringField(item, 'request_id') };
  });
  return { ok: true, value: { query: batch.query, items } };
}

import { z } from 'zod';
import type { BatchStatusBody } from './async.js';
import type { RecordedOperation } from './operation-bodies.js';
import { cancelLoanResultSchema, transferSucceededItemSchema } from './seed-results.js';

/*
 * The 207 body of a batch (`batchStatusSchema` in ./async.ts, the OpenAPI document's
 * `BatchStatus`), built from the batch and its operations as stored.
 */

/** One item of a stored batch: an operation, or an item refused at intake. */
export type RecordedBatchItem =
  | { index: number; operation_id: string }
  | { index: number; rejected: { borrower_id: string | null; request_id: string | null; status_code: number; error_detail: string } };

export interface BatchStatus {
  /** No item is left queued. */
  done: boolean;
  body: BatchStatusBody;
}

type SucceededItem = NonNullable<BatchStatusBody['succeeded']>[number];
type FailedItem = NonNullable<BatchStatusBody['failed']>[number];
type PendingItem = NonNullable<BatchStatusBody['pending']>[number];

// A succeeded item's stored result is the 200 body of its operation (a transfer or a cancel).
const succeededItemSchema = z.union([transferSucceededItemSchema, cancelLoanResultSchema]);

/** Checks the stored body against its schema, and keeps it as stored (a parse would strip fields). */
function isSucceededItem(resultBody: unknown): resultBody is SucceededItem {
  return succeededItemSchema.safeParse(resultBody).success;
}

function errorDetailOf(resultBody: unknown): string {
  const parsed = z.object({ error: z.string() }).safeParse(resultBody);
  return parsed.success ? parsed.data.error : 'failed';
}

/**
 * The result body of every item that succeeded, `{borrower_id, error_detail, request_id,
 * status_code}` for every item that failed (at intake or in the ledger), and, while items
 * remain, `pending`. `operations` holds the batch's operations (any order).
 */
export function batchStatusOf(items: readonly RecordedBatchItem[], operations: readonly RecordedOperation[]): BatchStatus {
  const ops = new Map(operations.map((op) => [op.id, op]));
  const succeeded: SucceededItem[] = [];
  const failed: FailedItem[] = [];
  const pending: PendingItem[] = [];
  for (const item of items) {
    if ('rejected' in item) {
      const { borrower_id, error_detail, request_id, status_code } = item.rejected;
      failed.push({ borrower_id, error_detail, request_id, status_code });
      continue;
    }
    const op = ops.get(item.operation_id);
    if (op === undefined) throw new Error(`batch item ${item.index}: operation ${item.operation_id} is not stored`);
    if (op.status === 'succeeded') {
      if (!isSucceededItem(op.result_body)) throw new Error(`batch item ${item.index}: operation ${op.id} has no transfer or cancel result`);
      succeeded.push(op.result_body);
    } else if (op.status === 'failed') {
      failed.push({ borrower_id: op.borrower_id, error_detail: errorDetailOf(op.result_body), request_id: op.request_id, status_code: op.result_status_code ?? 500 });
    } else {
      pending.push({ index: item.index, operation_id: op.id, borrower_id: op.borrower_id, request_id: op.request_id, status: op.status });
    }
  }
  const body: BatchStatusBody = { succeeded, failed };
  if (pending.length > 0) body.pending = pending;
  return { done: pending.length === 0, body };
}

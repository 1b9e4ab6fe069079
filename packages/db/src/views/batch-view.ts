import type { Kysely, Transaction } from 'kysely';
import type { BatchStatusBody } from '@lsl/contracts';
import type { Database, OperationRow } from '../schema.js';
import { getBatch } from '../repositories/batches.js';
import { getOperations } from '../repositories/operations.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface BatchStatus {
  done: boolean;
  /** Typed by the contracts' `batchStatusSchema` (the OpenAPI document's `BatchStatus`). */
  body: BatchStatusBody;
}

type SucceededItem = NonNullable<BatchStatusBody['succeeded']>[number];
type FailedItem = NonNullable<BatchStatusBody['failed']>[number];
type PendingItem = NonNullable<BatchStatusBody['pending']>[number];

/**
 * The seed's 207 body for a transfer-ownership batch: the result body of every item that
 * succeeded, `{borrower_id, error_detail, request_id, status_code}` for every item that failed
 * (at intake or in the ledger), and, while items remain, `pending`.
 */
export async function loadBatchStatus(db: Db, batchId: string): Promise<BatchStatus | undefined> {
  const batch = await getBatch(db, batchId);
  if (!batch) return undefined;
  const ids = batch.items.flatMap((item) => ('operation_id' in item ? [item.operation_id] : []));
  const ops = new Map((await getOperations(db, ids)).map((op) => [op.id, op]));
  const succeeded: SucceededItem[] = [];
  const failed: FailedItem[] = [];
  const pending: PendingItem[] = [];
  for (const item of batch.items) {
    if ('rejected' in item) {
      const { borrower_id, error_detail, request_id, status_code } = item.rejected;
      failed.push({ borrower_id, error_detail, request_id, status_code });
      continue;
    }
    const op = ops.get(item.operation_id) as OperationRow;
    // A succeeded item's stored result is the seed's 200 body of its operation (a transfer or a cancel).
    if (op.status === 'succeeded') succeeded.push(op.result_body as SucceededItem);
    else if (op.status === 'failed') {
      const error = op.result_body as { error?: string } | null;
      failed.push({ borrower_id: op.borrower_id, error_detail: error?.error ?? 'failed', request_id: op.request_id, status_code: op.result_status_code ?? 500 });
    } else {
      pending.push({ index: item.index, operation_id: op.id, borrower_id: op.borrower_id, request_id: op.request_id, status: op.status });
    }
  }
  const body: BatchStatusBody = { succeeded, failed };
  if (pending.length > 0) body.pending = pending;
  return { done: pending.length === 0, body };
}

import type { Kysely, Transaction } from 'kysely';
import type { Database, OperationRow } from '../schema.js';
import { getBatch } from '../repositories/batches.js';
import { getOperations } from '../repositories/operations.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface BatchStatus {
  done: boolean;
  body: {
    succeeded: unknown[];
    failed: Array<{ borrower_id: string | null; error_detail: string; request_id: string | null; status_code: number }>;
    pending?: Array<{ index: number; operation_id: string; borrower_id: string; request_id: string | null; status: string }>;
  };
}

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
  const body: BatchStatus['body'] = { succeeded: [], failed: [] };
  const pending: NonNullable<BatchStatus['body']['pending']> = [];
  for (const item of batch.items) {
    if ('rejected' in item) {
      const { borrower_id, error_detail, request_id, status_code } = item.rejected;
      body.failed.push({ borrower_id, error_detail, request_id, status_code });
      continue;
    }
    const op = ops.get(item.operation_id) as OperationRow;
    if (op.status === 'succeeded') body.succeeded.push(op.result_body);
    else if (op.status === 'failed') {
      const error = op.result_body as { error?: string } | null;
      body.failed.push({ borrower_id: op.borrower_id, error_detail: error?.error ?? 'failed', request_id: op.request_id, status_code: op.result_status_code ?? 500 });
    } else {
      pending.push({ index: item.index, operation_id: op.id, borrower_id: op.borrower_id, request_id: op.request_id, status: op.status });
    }
  }
  if (pending.length > 0) body.pending = pending;
  return { done: pending.length === 0, body };
}

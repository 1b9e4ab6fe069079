import type { Transaction } from 'kysely';
import { loadBatchStatus, lockFinishedBatches, type Database, type EventInput } from '@lsl/db';

/**
 * `batch.completed` for each batch whose last items this transaction completes, carrying the
 * batch's 207 body as `GET /v1/batches/{id}` returns it (docs/webhooks.md). Only operations of
 * a batch cost anything here.
 */
export async function completedBatchEvents(trx: Transaction<Database>, batchIds: Array<string | null>, completedAt: Date): Promise<EventInput[]> {
  const finished = await lockFinishedBatches(trx, batchIds.filter((id): id is string => id !== null));
  const events: EventInput[] = [];
  for (const batchId of finished) {
    const status = await loadBatchStatus(trx, batchId);
    if (!status?.done) continue;
    events.push({ type: 'batch.completed', borrower_id: null, batch_id: batchId, occurred_on: completedAt, payload: status.body });
  }
  return events;
}

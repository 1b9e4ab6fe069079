import type { Kysely, Transaction } from 'kysely';
import { batchStatusOf, type BatchStatus } from '@lsl/contracts';
import { batchesReplaying, getBatchWithOperations, insertBatch, insertEvents, lockFinishedBatches, type Database, type EventInput } from '@lsl/db';

/** The 207 body of `GET /v1/batches/{id}` and whether the batch is done; undefined for no such batch. */
export async function loadBatchStatus(db: Kysely<Database> | Transaction<Database>, batchId: string): Promise<BatchStatus | undefined> {
  const stored = await getBatchWithOperations(db, batchId);
  return stored && batchStatusOf(stored.batch.items, stored.operations);
}

/**
 * `batch.completed` for each of these batches that this transaction completes, carrying the
 * batch's 207 body as `GET /v1/batches/{id}` returns it (docs/webhooks.md). Called by the
 * transaction that applies operations (`appliedOperationIds`: a batch may replay an operation
 * recorded outside it, migrations/0011-batch-replays.ts), and by the one that records a batch
 * whose items are all done already.
 */
export async function batchCompletedEvents(trx: Transaction<Database>, batchIds: Array<string | null>, completedAt: Date, appliedOperationIds: string[] = []): Promise<EventInput[]> {
  // Besides the applied operations' own batches, those whose items replay one of them.
  const replaying = await batchesReplaying(trx, appliedOperationIds);
  const finished = await lockFinishedBatches(trx, [...batchIds.filter((id): id is string => id !== null), ...replaying]);
  const events: EventInput[] = [];
  for (const batchId of finished) {
    const status = await loadBatchStatus(trx, batchId);
    // No row yet: the intake's transaction recording the batch will see it done.
    if (!status?.done) continue;
    events.push({ type: 'batch.completed', borrower_id: null, batch_id: batchId, occurred_on: completedAt, payload: status.body });
  }
  return events;
}

/**
 * Records a batch and, when every item is done already (refused at intake, replays of finished
 * operations, or applied before this commits), its `batch.completed`, in one transaction.
 */
export async function insertBatchReportingCompletion(db: Kysely<Database>, batch: Parameters<typeof insertBatch>[1]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await insertBatch(trx, batch);
    await insertEvents(trx, await batchCompletedEvents(trx, [batch.id], new Date()));
  });
}

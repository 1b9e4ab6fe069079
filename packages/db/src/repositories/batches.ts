import { sql, type Kysely, type Transaction } from 'kysely';
import type { BatchItem, BatchRow, Database, OperationRow } from '../schema.js';
import { getOperations } from './operations.js';

type Db = Kysely<Database> | Transaction<Database>;

export async function insertBatch(
  db: Db,
  batch: { id: string; items: BatchItem[]; requestHash: string; idempotencyKey: string | null; replays?: string[] },
): Promise<void> {
  await db
    .insertInto('batches')
    .values({
      id: batch.id,
      item_count: batch.items.length,
      items: JSON.stringify(batch.items),
      request_hash: batch.requestHash,
      idempotency_key: batch.idempotencyKey,
    })
    .execute();
  await insertBatchReplays(db, batch.id, batch.replays ?? []);
}

/**
 * Links a batch to the operations recorded outside it that its items replay, those still queued
 * (migrations/0011-batch-replays.ts). Each is read `for share`: a transaction applying one of
 * them has updated its row, so this waits for that commit and then sees it applied (no link
 * needed, the batch's own completion check sees it done); otherwise the applying transaction's
 * update waits for this one, and its later look-up (`batchesReplaying`) finds the link.
 */
async function insertBatchReplays(db: Db, batchId: string, operationIds: string[]): Promise<void> {
  if (operationIds.length === 0) return;
  const ids = [...new Set(operationIds)].sort();
  await sql`
    insert into batch_replays (operation_id, batch_id)
    select o.id, ${batchId}::uuid from (
      select id from operations where id = any(${ids}::uuid[]) and status = 'queued' order by id for share
    ) o
    on conflict do nothing`.execute(db);
}

/** The batches that replay any of these operations, besides each one's own (`batch_id`). */
export async function batchesReplaying(db: Db, operationIds: string[]): Promise<string[]> {
  if (operationIds.length === 0) return [];
  const { rows } = await sql<{ batch_id: string }>`select distinct batch_id from batch_replays where operation_id = any(${operationIds}::uuid[])`.execute(db);
  return rows.map((r) => r.batch_id);
}

export async function getBatch(db: Db, id: string): Promise<BatchRow | undefined> {
  return db.selectFrom('batches').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A batch and the operations its items became (rows; the 207 body is built by the contracts). */
export async function getBatchWithOperations(db: Db, id: string): Promise<{ batch: BatchRow; operations: OperationRow[] } | undefined> {
  const batch = await getBatch(db, id);
  if (!batch) return undefined;
  const ids = batch.items.flatMap((item) => ('operation_id' in item ? [item.operation_id] : []));
  return { batch, operations: await getOperations(db, ids) };
}

/**
 * Takes each batch's completion lock (a transaction-level advisory lock, in id order so two
 * transactions never wait on each other) and returns the batches with no item left queued
 * (their own operations, and those they replay: `batch_replays`). Every transaction that may complete a batch takes it first: those applying its
 * items, and the intake's that records the batch itself (items may be applied before the batch
 * row commits). The lock orders them; the check, a later statement, sees the earlier commits,
 * so exactly one of them finds the batch done (docs/webhooks.md).
 */
export async function lockFinishedBatches(db: Db, batchIds: string[]): Promise<string[]> {
  if (batchIds.length === 0) return [];
  const ids = [...new Set(batchIds)].sort();
  for (const id of ids) await sql`select pg_advisory_xact_lock(hashtextextended(${`batch.completed:${id}`}, 0))`.execute(db);
  const { rows } = await sql<{ id: string }>`
    select b.id from unnest(${ids}::uuid[]) as b(id)
    where not exists (select 1 from operations o where o.batch_id = b.id and o.status = 'queued')
      and not exists (select 1 from batch_replays r join operations o on o.id = r.operation_id where r.batch_id = b.id and o.status = 'queued')`.execute(db);
  return rows.map((r) => r.id);
}

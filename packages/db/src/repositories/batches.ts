import { sql, type Kysely, type Transaction } from 'kysely';
import type { BatchItem, BatchRow, Database } from '../schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export async function insertBatch(
  db: Db,
  batch: { id: string; items: BatchItem[]; requestHash: string; idempotencyKey: string | null },
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
}

export async function getBatch(db: Db, id: string): Promise<BatchRow | undefined> {
  return db.selectFrom('batches').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Locks these batches' rows (in id order, so two transactions never wait on each other) and
 * returns those with no item left queued or processing. Called by the transaction that
 * completes batch items: the lock orders the transactions completing a batch's last items, so
 * exactly one of them sees the batch done (a later statement sees the earlier commits).
 */
export async function lockFinishedBatches(db: Db, batchIds: string[]): Promise<string[]> {
  if (batchIds.length === 0) return [];
  const ids = [...new Set(batchIds)].sort();
  await sql`select id from batches where id = any(${ids}::uuid[]) order by id for update`.execute(db);
  const { rows } = await sql<{ id: string }>`
    select b.id from unnest(${ids}::uuid[]) as b(id)
    where not exists (select 1 from operations o where o.batch_id = b.id and o.status in ('queued', 'processing'))`.execute(db);
  return rows.map((r) => r.id);
}

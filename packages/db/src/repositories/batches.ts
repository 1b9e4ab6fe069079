import { sql, type Kysely, type Transaction } from 'kysely';
import type { BatchItem, BatchRow, Database, OperationRow } from '../schema.js';
import { getOperations } from './operations.js';

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

/** A batch and the operations its items became (rows; the 207 body is built by the contracts). */
export async function getBatchWithOperations(db: Db, id: string): Promise<{ batch: BatchRow; operations: OperationRow[] } | undefined> {
  const batch = await getBatch(db, id);
  if (!batch) return undefined;
  const ids = batch.items.flatMap((item) => ('operation_id' in item ? [item.operation_id] : []));
  return { batch, operations: await getOperations(db, ids) };
}

/**
 * Takes each batch's completion lock (a transaction-level advisory lock, in id order so two
 * transactions never wait on each other) and returns the batches with no item left queued. Every transaction that may complete a batch takes it first: those applying its
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
    where not exists (select 1 from operations o where o.batch_id = b.id and o.status = 'queued')`.execute(db);
  return rows.map((r) => r.id);
}

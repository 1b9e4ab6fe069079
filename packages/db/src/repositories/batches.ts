import type { Kysely, Transaction } from 'kysely';
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

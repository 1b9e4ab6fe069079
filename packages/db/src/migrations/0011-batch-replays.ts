import { sql, type Kysely } from 'kysely';

/**
 * A batch item that replays an operation recorded before the batch (alone, or by another batch)
 * and still queued: the batch is done only once that operation is, and the transaction applying
 * it must know to look at the batch (its `batch.completed`, docs/webhooks.md). An operation's own
 * batch is its `batch_id`; these are the others. Rows are written by the transaction that
 * records the batch and read by the ones applying the operation (by `operation_id`) and by the
 * completion check (by `batch_id`).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table batch_replays (
      operation_id uuid not null references operations (id) on delete cascade,
      batch_id uuid not null references batches (id) on delete cascade,
      primary key (operation_id, batch_id)
    )`.execute(db);
  await sql`create index batch_replays_batch_idx on batch_replays (batch_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists batch_replays`.execute(db);
}

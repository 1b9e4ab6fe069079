import { sql, type Kysely } from 'kysely';

/**
 * An operation is `queued` until the transaction that applies it makes it `succeeded` or
 * `failed`: no status in between is ever written. The two partial indexes of pending
 * operations (0001's `operations_pending_idx`, 0005's `operations_batch_pending_idx`) are made
 * again with the predicate the queries use, `status = 'queued'`.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists operations_pending_idx`.execute(db);
  await sql`create index operations_pending_idx on operations (accepted_at) where status = 'queued'`.execute(db);
  await sql`drop index if exists operations_batch_pending_idx`.execute(db);
  await sql`create index operations_batch_pending_idx on operations (batch_id) where batch_id is not null and status = 'queued'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists operations_pending_idx`.execute(db);
  await sql`create index operations_pending_idx on operations (accepted_at) where status in ('queued', 'processing')`.execute(db);
  await sql`drop index if exists operations_batch_pending_idx`.execute(db);
  await sql`create index operations_batch_pending_idx on operations (batch_id) where batch_id is not null and status in ('queued', 'processing')`.execute(db);
}

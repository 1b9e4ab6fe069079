import { sql, type Kysely } from 'kysely';

/**
 * Pending-ness out of `operations`' indexes, so the result `UPDATE` can be HOT (heap-only: no
 * index entry written, docs/performance.md "The result UPDATE and HOT"). Postgres makes an update
 * HOT only if no indexed column changes, partial-index predicates included; the two partial
 * indexes on `status in ('queued', 'processing')` (the sweeper's, and a batch's "is anything
 * left") made every completion write a new entry in each of `operations`' indexes.
 *
 * `operations_pending` holds one narrow row per operation accepted and not yet applied: filled by
 * a statement-level trigger on every insert into `operations` (one insert per recording
 * statement, whatever the group's size), emptied by the statement that records results
 * (`completeOperations`), in the same transaction as the status change, so the two never
 * disagree. `operations` gets `fillfactor = 80`, room on each page for the completed row.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table operations_pending (
      id uuid primary key references operations (id),
      borrower_id text not null,
      batch_id uuid,
      accepted_at timestamptz not null
    )`.execute(db);
  await sql`create index operations_pending_accepted_idx on operations_pending (accepted_at, id)`.execute(db);
  await sql`create index operations_pending_batch_idx on operations_pending (batch_id) where batch_id is not null`.execute(db);
  await sql`
    create function lsl_operations_pending_add() returns trigger
    language plpgsql as $$
    begin
      insert into operations_pending (id, borrower_id, batch_id, accepted_at)
      select id, borrower_id, batch_id, accepted_at from recorded where status in ('queued', 'processing');
      return null;
    end $$`.execute(db);
  await sql`
    create trigger operations_pending_add after insert on operations
    referencing new table as recorded
    for each statement execute function lsl_operations_pending_add()`.execute(db);
  await sql`
    insert into operations_pending (id, borrower_id, batch_id, accepted_at)
    select id, borrower_id, batch_id, accepted_at from operations where status in ('queued', 'processing')`.execute(db);
  await sql`drop index if exists operations_pending_idx`.execute(db);
  await sql`drop index if exists operations_batch_pending_idx`.execute(db);
  await sql`alter table operations set (fillfactor = 80)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table operations reset (fillfactor)`.execute(db);
  await sql`create index if not exists operations_pending_idx on operations (accepted_at) where status in ('queued', 'processing')`.execute(db);
  await sql`create index if not exists operations_batch_pending_idx on operations (batch_id) where batch_id is not null and status in ('queued', 'processing')`.execute(db);
  await sql`drop trigger if exists operations_pending_add on operations`.execute(db);
  await sql`drop function if exists lsl_operations_pending_add()`.execute(db);
  await sql`drop table if exists operations_pending`.execute(db);
}

import { sql, type Kysely } from 'kysely';

/**
 * Room for HOT updates of the ledger rows, and the head kept whole in its row
 * (docs/performance.md "Postgres writes per operation").
 *
 * - `borrower_ledgers`: every batch rewrites a borrower's head (about 2 KB of JSON). Past
 *   Postgres' default 2 KB threshold each write compressed it (pglz) and could move it to the
 *   TOAST table (more tuples, more index entries); `toast_tuple_target = 8160` keeps a head of up
 *   to 8 KB in its row, uncompressed. `fillfactor = 50` leaves room in each page for the next
 *   version of its rows, so the update can be HOT (no key changes: only `borrower_id` is indexed).
 * - `ledger_items`: a back-dated operation rewrites the tail of lists in place (`on conflict do
 *   update`); with pages filled to the brim none of those updates could stay on its page.
 *   `fillfactor = 75` leaves room for them.
 *
 * Both apply to pages written from now on.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table borrower_ledgers set (fillfactor = 50, toast_tuple_target = 8160)`.execute(db);
  await sql`alter table ledger_items set (fillfactor = 75)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table borrower_ledgers reset (fillfactor, toast_tuple_target)`.execute(db);
  await sql`alter table ledger_items reset (fillfactor)`.execute(db);
}

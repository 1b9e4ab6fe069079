import type { Kysely } from 'kysely';

/**
 * The ledger state as a small head (`borrower_ledgers.state`) plus append-only list items:
 * `list` is one of the ledger's persistent lists (log, snapshots, history, payments), `idx`
 * the item's position oldest first. An in-order apply inserts a few rows and rewrites the
 * head; a back-dated one deletes each list's replaced end and inserts the replayed part.
 *
 * Rows written before this migration held a whole-state document in `state` and no items;
 * the worker's next save rewrote them as head + items, and migration 0012 the rest.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ledger_items')
    .addColumn('borrower_id', 'text', (c) => c.notNull())
    .addColumn('list', 'text', (c) => c.notNull())
    .addColumn('idx', 'integer', (c) => c.notNull())
    .addColumn('item', 'json', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_items_pkey', ['borrower_id', 'list', 'idx'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ledger_items').ifExists().execute();
}

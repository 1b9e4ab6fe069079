import { sql, type Kysely } from 'kysely';

/**
 * The event log (and webhook outbox): every event the system reports, written in the same
 * transaction as the result it reports (docs/events.md). Two families share it:
 * - operation events: `operation.succeeded`, `operation.failed`, `batch.completed`;
 * - the ledger's domain events (`loan.originated`, `payment.applied`, ...), produced by the
 *   ledger's `apply` and read back by `get_events`.
 *
 * `position` orders events: one borrower's operations are applied one transaction at a time
 * under the borrower's lock, so a borrower's events are in `position` order. Across borrowers
 * a smaller position may commit later: a reader that follows the log must not use
 * `position > last seen` alone as its cursor (see the webhook relay).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('events')
    .addColumn('position', 'bigserial', (c) => c.primaryKey())
    .addColumn('id', 'uuid', (c) => c.notNull().unique())
    .addColumn('borrower_id', 'text')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('operation_id', 'uuid')
    .addColumn('batch_id', 'uuid')
    .addColumn('loan_id', 'text')
    .addColumn('effective_date', 'text')
    .addColumn('occurred_on', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('payload', 'json', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('events_borrower_idx').on('events').columns(['borrower_id', 'position']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('events').ifExists().execute();
}

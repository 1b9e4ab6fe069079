import { sql, type Kysely } from 'kysely';

/**
 * Webhooks (docs/webhooks.md): subscriptions, one delivery per (subscription, event), and every
 * attempt of a delivery. The relay reads the event log (migration 0003) and marks each event it
 * has turned into deliveries with `relayed_at`: event positions may commit out of order across
 * borrowers, so "every event after position N" is no safe cursor, while "every event not yet
 * relayed" is (a partial index keeps that set small).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('webhook_subscriptions')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('events', sql`text[]`, (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('disabled_at', 'timestamptz')
    .addColumn('disabled_reason', 'text')
    // Set by the first failed attempt after a success, cleared by the next success.
    .addColumn('failing_since', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('subscription_id', 'uuid', (c) => c.notNull().references('webhook_subscriptions.id').onDelete('cascade'))
    .addColumn('event_id', 'uuid', (c) => c.notNull())
    .addColumn('event_position', 'bigint', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    // The borrower: deliveries with the same key are sent one at a time, in event_position order.
    .addColumn('ordering_key', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('attempt_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // Held while an attempt is in flight; a sender that dies leaves it to expire.
    .addColumn('leased_until', 'timestamptz')
    .addColumn('last_status_code', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('delivered_at', 'timestamptz')
    .addUniqueConstraint('webhook_deliveries_event_uq', ['subscription_id', 'event_id'])
    .execute();
  await sql`create index webhook_deliveries_due_idx on webhook_deliveries (next_attempt_at) where status = 'pending'`.execute(db);
  await sql`create index webhook_deliveries_chain_idx on webhook_deliveries (subscription_id, ordering_key, event_position) where status = 'pending'`.execute(db);
  await sql`create index webhook_deliveries_log_idx on webhook_deliveries (subscription_id, event_position desc)`.execute(db);

  await db.schema
    .createTable('webhook_attempts')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('delivery_id', 'uuid', (c) => c.notNull().references('webhook_deliveries.id').onDelete('cascade'))
    .addColumn('attempted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('latency_ms', 'integer', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('response_excerpt', 'text')
    .execute();
  await db.schema.createIndex('webhook_attempts_delivery_idx').on('webhook_attempts').columns(['delivery_id', 'id']).execute();

  // batch.completed: finding whether a batch still has items pending must not scan the batch.
  await sql`create index operations_batch_pending_idx on operations (batch_id) where batch_id is not null and status in ('queued', 'processing')`.execute(db);

  await db.schema.alterTable('events').addColumn('relayed_at', 'timestamptz').execute();
  // Events from before webhooks existed had no subscriber: nothing to relay.
  await sql`update events set relayed_at = now()`.execute(db);
  await sql`create index events_unrelayed_idx on events (position) where relayed_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists events_unrelayed_idx`.execute(db);
  await db.schema.alterTable('events').dropColumn('relayed_at').execute();
  await sql`drop index if exists operations_batch_pending_idx`.execute(db);
  await db.schema.dropTable('webhook_attempts').ifExists().execute();
  await db.schema.dropTable('webhook_deliveries').ifExists().execute();
  await db.schema.dropTable('webhook_subscriptions').ifExists().execute();
}

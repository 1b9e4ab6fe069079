import { sql, type Kysely } from 'kysely';

// Bodies lenders sent and bodies they get back are `json`, not `jsonb`: `json` keeps the keys in
// the order they were written, so an echoed request reads like the request. The ledger state
// is `json` too: it is written once per batch and read whole, never queried inside.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('borrowers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('last_seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('borrower_ledgers')
    .addColumn('borrower_id', 'text', (c) => c.primaryKey().references('borrowers.id'))
    .addColumn('applied_seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('state', 'json', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('batches')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('item_count', 'integer', (c) => c.notNull())
    .addColumn('items', 'jsonb', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('operations')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('borrower_id', 'text', (c) => c.notNull().references('borrowers.id'))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('natural_key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text')
    .addColumn('params', 'jsonb', (c) => c.notNull())
    .addColumn('body', 'json', (c) => c.notNull())
    .addColumn('is_migration', 'boolean', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .addColumn('configs', 'jsonb', (c) => c.notNull())
    // Informational: the batch row lists its items (a replayed item belongs to an earlier batch).
    .addColumn('batch_id', 'uuid')
    .addColumn('batch_index', 'integer')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('queued'))
    .addColumn('result_status_code', 'integer')
    .addColumn('result_body', 'json')
    .addColumn('accepted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('completed_at', 'timestamptz')
    .addUniqueConstraint('operations_borrower_seq_key', ['borrower_id', 'seq'])
    .addUniqueConstraint('operations_borrower_natural_key', ['borrower_id', 'natural_key'])
    .execute();

  // The sweeper's question: which borrowers have work that may have no job in Redis?
  await sql`create index operations_pending_idx on operations (accepted_at) where status in ('queued', 'processing')`.execute(db);
  await db.schema.createIndex('operations_batch_idx').on('operations').columns(['batch_id', 'batch_index']).where(sql.ref('batch_id'), 'is not', null).execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('response_status', 'integer')
    .addColumn('response_body', 'json')
    .addColumn('response_location', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('configs')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('body', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('configs_pkey', ['kind', 'id', 'version'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['configs', 'idempotency_keys', 'operations', 'batches', 'borrower_ledgers', 'borrowers']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}

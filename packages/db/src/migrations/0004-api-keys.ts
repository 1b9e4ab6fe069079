import { sql, type Kysely } from 'kysely';

/**
 * API keys and the shared rate-limit counters (docs/security.md).
 *
 * `api_keys` holds a key's sha256, never the key: a dump of the database gives nobody a key
 * that works. `prefix` is the key's first characters, so an operator can tell keys apart in
 * `npm run keys -- list` without the key itself.
 *
 * `rate_limits` is rate-limiter-flexible's Postgres table (its own layout: key, points, expire
 * in ms since the epoch), created here so the server needs no DDL rights at run time. It is
 * UNLOGGED: counters of the last second are not worth a WAL write per request, and a crash
 * that empties them only forgives one window.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('rate_limit', 'integer')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  await sql`create unlogged table rate_limits (key varchar(255) primary key, points integer not null default 0, expire bigint)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_limits').ifExists().execute();
  await db.schema.dropTable('api_keys').ifExists().execute();
}

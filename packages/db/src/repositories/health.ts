import { sql, type Kysely } from 'kysely';
import { pendingMigrations } from '../migrate.js';
import type { SessionClient } from './advisory-locks.js';
import type { Database } from '../schema.js';

/** Resolves when Postgres answers a query on this pool; throws (with why) when it does not. */
export async function pingDatabase(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}

/**
 * Resolves when every migration this build knows has run; throws naming the pending ones
 * otherwise (a process newer than its schema is not ready: docs/operations.md, `/readyz`).
 */
export async function assertMigrationsApplied(db: Kysely<Database>): Promise<void> {
  const pending = await pendingMigrations(db);
  if (pending.length > 0) throw new Error(`pending: ${pending.join(', ')}`);
}

/** Creates database `name` on the server `client` is connected to, unless it exists. */
export async function ensureDatabase(client: SessionClient, name: string): Promise<void> {
  const { rows } = await client.query('select 1 from pg_database where datname = $1', [name]);
  if (rows.length === 0) await client.query(`create database "${name.replace(/"/g, '""')}"`);
}

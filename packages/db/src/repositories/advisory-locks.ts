import { sql, type Transaction } from 'kysely';
import type { Database } from '../schema.js';

/**
 * Takes the transaction-scoped advisory lock named `name` if no one holds it: true when taken.
 * Released with the transaction whatever happens to the connection (the sweeper runs under
 * `lsl:sweeper`, so one process sweeps at a time).
 */
export async function tryAdvisoryXactLock(trx: Transaction<Database>, name: string): Promise<boolean> {
  const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(hashtextextended(${name}, 0)) as locked`.execute(trx);
  return rows[0]?.locked === true;
}

/** Bounds how long this transaction waits for a row lock (`lock_timeout`, transaction-local). */
export async function setLocalLockTimeout(trx: Transaction<Database>, ms: number): Promise<void> {
  await sql`select set_config('lock_timeout', ${String(ms)}, true)`.execute(trx);
}

/** The few calls of a `pg` client that session-scoped locks need (a dedicated connection). */
export interface SessionClient {
  query<R extends object>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

/**
 * Takes the session advisory lock (`space`, `key`) on this connection if no session holds it:
 * true when taken. Held until released or until the connection ends, so a process that dies
 * gives its lock up (the partition slots of docs/performance.md, "Partition affinity").
 */
export async function trySessionLock(client: SessionClient, space: string, key: number): Promise<boolean> {
  const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock(hashtext($1), $2) as locked', [space, key]);
  return rows[0]?.locked === true;
}

/**
 * The keys of `space` whose session lock some connection holds, read from `pg_locks` without
 * taking them. `pg_advisory_lock(int4, int4)` shows as classid = the first key (as an oid),
 * objid = the second.
 */
export async function heldSessionLocks(client: SessionClient, space: string): Promise<Set<number>> {
  const { rows } = await client.query<{ slot: number }>(
    `select objid::int as slot from pg_locks
     where locktype = 'advisory' and granted and objsubid = 2
       and database = (select oid from pg_database where datname = current_database())
       and classid::bigint = (hashtext($1)::bigint & 4294967295)`,
    [space],
  );
  return new Set(rows.map((r) => r.slot));
}

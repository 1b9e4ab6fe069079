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

import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Which state a borrower's stored ledger is: its `applied_seq` and `updated_at` (as text, exact
 * to the microsecond), without the state. What a reader asks on every request to tell whether
 * the state it caches is still the stored one. Undefined when nothing was ever applied.
 */
export async function getLedgerVersion(db: Db, borrowerId: string): Promise<{ appliedSeq: number; updatedAt: string } | undefined> {
  const row = await db
    .selectFrom('borrower_ledgers')
    .select([sql<string>`applied_seq::text`.as('applied_seq'), sql<string>`updated_at::text`.as('updated_at')])
    .where('borrower_id', '=', borrowerId)
    .executeTakeFirst();
  return row ? { appliedSeq: Number(row.applied_seq), updatedAt: row.updated_at } : undefined;
}

/**
 * The stored head of a borrower's ledger (the `state` column: counters, list lengths, loans;
 * docs/architecture.md) and its `applied_seq`, without the list items: what a state caught up in
 * memory is checked against.
 */
export async function getLedgerHead(db: Db, borrowerId: string): Promise<{ appliedSeq: number; head: unknown } | undefined> {
  const row = await db
    .selectFrom('borrower_ledgers')
    .select(['state', sql<string>`applied_seq::text`.as('applied_seq')])
    .where('borrower_id', '=', borrowerId)
    .executeTakeFirst();
  return row ? { appliedSeq: Number(row.applied_seq), head: row.state } : undefined;
}

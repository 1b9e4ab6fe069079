import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, OperationRow } from '../schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Of these borrowers, those with an operation accepted but not yet applied (`last_seq >
 * applied_seq`), sorted, read WITHOUT a lock or a transaction: a wake-up with nothing to do
 * costs one read and no commit. Safe because a committed operation always has a wake-up coming
 * after its commit (docs/performance.md, "Wake-ups"); the answer is re-checked under the lock.
 * `hasLedger` is false for a borrower nothing has been applied to yet.
 */
export async function findBorrowersWithPending(db: Db, borrowerIds: string[]): Promise<Array<{ borrowerId: string; hasLedger: boolean }>> {
  if (borrowerIds.length === 0) return [];
  const { rows } = await sql<{ id: string; has_ledger: boolean }>`
    select b.id, l.borrower_id is not null as has_ledger
    from borrowers b left join borrower_ledgers l on l.borrower_id = b.id
    where b.id = any(${borrowerIds}::text[]) and b.last_seq > coalesce(l.applied_seq, 0)
    order by b.id`.execute(db);
  return rows.map((r) => ({ borrowerId: r.id, hasLedger: r.has_ledger }));
}

/**
 * Takes the ledger lock of several borrowers for the rest of the transaction, always in
 * borrower id order (so two workers locking overlapping sets cannot deadlock), and returns
 * each one's applied sequence number. A borrower nothing has been applied to yet first gets
 * its ledger row, with a JSON `null` state and `applied_seq` 0 (inserted in id order too, and
 * never committed as such: the same transaction saves the borrower's first state).
 */
export async function lockBorrowerLedgers(trx: Transaction<Database>, borrowerIds: string[], create: string[] = []): Promise<Map<string, number>> {
  const sorted = [...new Set(borrowerIds)].sort();
  if (create.length > 0) {
    await sql`
      insert into borrower_ledgers (borrower_id, applied_seq, state, updated_at)
      select id, 0, 'null'::json, now() from unnest(${[...new Set(create)].sort()}::text[]) with ordinality as t(id, n) order by n
      on conflict (borrower_id) do nothing`.execute(trx);
  }
  const { rows } = await sql<{ borrower_id: string; applied_seq: number }>`
    select borrower_id, applied_seq from borrower_ledgers
    where borrower_id = any(${sorted}::text[])
    order by borrower_id
    for update`.execute(trx);
  return new Map(rows.map((r) => [r.borrower_id, Number(r.applied_seq)]));
}

/**
 * The pending operations of several borrowers in one statement: for each, up to `limit`
 * operations after its applied sequence number, in sequence order.
 */
export async function listPendingOperationsOf(db: Db, after: Map<string, number>, limit: number): Promise<Map<string, OperationRow[]>> {
  const ids = [...after.keys()];
  const result = new Map<string, OperationRow[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return result;
  const { rows } = await sql<OperationRow>`
    select o.* from unnest(${ids}::text[], ${ids.map((id) => after.get(id)!)}::bigint[]) as k(borrower_id, after_seq)
    cross join lateral (
      select * from operations o where o.borrower_id = k.borrower_id and o.seq > k.after_seq order by o.seq limit ${limit}
    ) o
    order by o.borrower_id, o.seq`.execute(db);
  for (const row of rows) result.get(row.borrower_id)!.push({ ...row, seq: Number(row.seq) });
  return result;
}

import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface BorrowerLedgerRow {
  applied_seq: number;
  /** Null when the caller said it already holds the state of this `applied_seq`. */
  state: unknown;
}

/**
 * Takes the borrower's ledger lock for the rest of the transaction (row lock) and returns the
 * stored state; `undefined` for a borrower nothing has been applied to yet (the row is created
 * by `saveBorrowerLedger`). Two workers holding jobs of the same borrower serialise here.
 */
export async function lockBorrowerLedger(
  trx: Transaction<Database>,
  borrowerId: string,
  /** The `applied_seq` of a state the caller has cached: the stored state is then not sent. */
  cachedSeq?: number,
): Promise<BorrowerLedgerRow | undefined> {
  // Lock the borrowers row too when no ledger row exists yet, so two first applications of a
  // new borrower cannot both start from an empty state.
  const existing = await trx
    .selectFrom('borrower_ledgers')
    .select(['applied_seq', sql<unknown>`case when applied_seq = ${cachedSeq ?? -1} then null else state end`.as('state')])
    .where('borrower_id', '=', borrowerId)
    .forUpdate()
    .executeTakeFirst();
  if (existing) return existing;
  await trx.selectFrom('borrowers').select('id').where('id', '=', borrowerId).forUpdate().executeTakeFirst();
  return trx
    .selectFrom('borrower_ledgers')
    .select(['applied_seq', 'state'])
    .where('borrower_id', '=', borrowerId)
    .forUpdate()
    .executeTakeFirst();
}

export async function saveBorrowerLedger(trx: Transaction<Database>, borrowerId: string, state: unknown, appliedSeq: number): Promise<void> {
  const json = JSON.stringify(state);
  await trx
    .insertInto('borrower_ledgers')
    .values({ borrower_id: borrowerId, state: json, applied_seq: appliedSeq, updated_at: new Date() })
    .onConflict((oc) => oc.column('borrower_id').doUpdateSet({ state: json, applied_seq: appliedSeq, updated_at: new Date() }))
    .execute();
}

export async function getBorrowerLedger(db: Db, borrowerId: string): Promise<BorrowerLedgerRow | undefined> {
  return db.selectFrom('borrower_ledgers').select(['applied_seq', 'state']).where('borrower_id', '=', borrowerId).executeTakeFirst();
}

export async function borrowerExists(db: Db, borrowerId: string): Promise<boolean> {
  const row = await db.selectFrom('borrowers').select('id').where('id', '=', borrowerId).executeTakeFirst();
  return row !== undefined;
}

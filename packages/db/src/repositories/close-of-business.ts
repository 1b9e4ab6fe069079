import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../schema.js';
import { lockBorrowerLedgers } from './borrower-batches.js';
import { bucketSql, daysPastDueSql } from './portfolio.js';

type Db = Kysely<Database> | Transaction<Database>;

/** The event a loan's change of delinquency bucket is reported as (docs/events.md). */
export const DELINQUENCY_CHANGED = 'loan.delinquency_changed';

/** The last lender day the close of business finished, or null before the first. */
export async function lastClosedDay(db: Db): Promise<string | null> {
  const { rows } = await sql<{ day: string | null }>`select max(day)::text as day from closed_days`.execute(db);
  return rows[0]?.day ?? null;
}

/** Records that the close of `day` finished (a second run of the same day changes nothing). */
export async function markDayClosed(db: Db, day: string, loansChanged: number): Promise<void> {
  await sql`insert into closed_days (day, loans_changed) values (${day}::date, ${loansChanged}) on conflict (day) do nothing`.execute(db);
}

/**
 * The borrowers with an open loan whose delinquency bucket on `day` is not the one last
 * reported, in id order: one scan of the read model, no lock (docs/guarantees.md "Close of
 * business"). Rows written after `day` (a catch-up of a past day) are judged on their own day.
 */
export async function borrowersChangingBucket(db: Db, day: string): Promise<string[]> {
  const d = sql`${day}::date`;
  const { rows } = await sql<{ borrower_id: string }>`
    select distinct p.borrower_id from portfolio_loans p
    where p.is_open and p.as_of <= ${d} and ${bucketSql(daysPastDueSql(d))} is distinct from p.bucket
    order by p.borrower_id`.execute(db);
  return rows.map((r) => r.borrower_id);
}

/**
 * Closes `day` for these borrowers, under their ledger locks (taken as the worker takes them,
 * in id order, so the close interleaves with their operations as another operation would): the
 * changes of bucket are judged again under the lock, each reported by one
 * `loan.delinquency_changed` event `{from, to, days_past_due}` (in borrower then loan order)
 * and recorded as the bucket last reported, in one statement. Returns the loans changed.
 */
export async function closeBorrowersDay(trx: Transaction<Database>, day: string, borrowerIds: string[]): Promise<number> {
  if (borrowerIds.length === 0) return 0;
  await lockBorrowerLedgers(trx, borrowerIds);
  const d = sql`${day}::date`;
  const dpd = daysPastDueSql(d);
  const { rows } = await sql<{ changed: number }>`
    with changed as (
      select p.borrower_id, p.loan_id, p.bucket as from_bucket, ${bucketSql(dpd)} as to_bucket, ${dpd} as days_past_due
      from portfolio_loans p
      where p.borrower_id = any(${borrowerIds}::text[]) and p.is_open and p.as_of <= ${d}
    ),
    moved as (
      select * from changed where to_bucket is distinct from from_bucket
    ),
    updated as (
      update portfolio_loans p set bucket = m.to_bucket from moved m
      where p.borrower_id = m.borrower_id and p.loan_id = m.loan_id
      returning p.loan_id
    ),
    reported as (
      insert into events (id, type, borrower_id, loan_id, effective_date, occurred_on, payload)
      select gen_random_uuid(), ${DELINQUENCY_CHANGED}, m.borrower_id, m.loan_id, ${day}, now(),
        json_build_object('kordev_id', null, 'back_dated', false, 'replayed_operations', 0,
          'from', m.from_bucket, 'to', m.to_bucket, 'days_past_due', m.days_past_due)
      from moved m order by m.borrower_id, m.loan_id
      returning 1
    )
    select (select count(*) from updated)::integer as changed`.execute(trx);
  return rows[0]?.changed ?? 0;
}

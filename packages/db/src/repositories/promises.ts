import { sql, type Kysely, type Transaction } from 'kysely';
import type { PortfolioPromise } from '@lsl/ledger';
import type { Database } from '../schema.js';
import { lockBorrowerLedgers } from './borrower-batches.js';

type Db = Kysely<Database> | Transaction<Database>;

/** The event a broken promise is reported as (docs/events.md). */
export const PROMISE_BROKEN = 'promise.broken';

/**
 * Writes the promise rows given (the ledger's `portfolioPromisesOf`), in one statement: called
 * by the worker in the transaction that applies their borrowers' operations. Everything is the
 * ledger's judgement except `broken_reported_on`, which only the close of business sets.
 */
export async function upsertPortfolioPromises(trx: Db, promises: PortfolioPromise[]): Promise<void> {
  if (promises.length === 0) return;
  const input = JSON.stringify(promises);
  await sql`
    insert into portfolio_promises (
      borrower_id, promise_id, loan_id, amount, effective_date, due_date, state, paid_toward, as_of, breaks_on, updated_at)
    select i.borrower_id, i.promise_id, i.loan_id, i.amount, i.effective_date, i.due_date, i.state, i.paid_toward, i.as_of, i.breaks_on, now()
    from jsonb_to_recordset(${input}::jsonb) as i(
      borrower_id text, promise_id text, loan_id text, amount numeric, effective_date date, due_date date, state text,
      paid_toward numeric, as_of date, breaks_on date)
    order by i.borrower_id, i.promise_id
    on conflict (borrower_id, promise_id) do update set
      loan_id = excluded.loan_id, amount = excluded.amount, effective_date = excluded.effective_date, due_date = excluded.due_date,
      state = excluded.state, paid_toward = excluded.paid_toward, as_of = excluded.as_of, breaks_on = excluded.breaks_on,
      updated_at = excluded.updated_at`.execute(trx);
}

/** The borrowers with a promise the close of `day` reports broken (not yet reported, breaking on or before it), in id order. */
export async function borrowersBreakingPromises(db: Db, day: string): Promise<string[]> {
  const { rows } = await sql<{ borrower_id: string }>`
    select distinct borrower_id from portfolio_promises
    where breaks_on is not null and broken_reported_on is null and breaks_on <= ${day}::date
    order by borrower_id`.execute(db);
  return rows.map((r) => r.borrower_id);
}

/**
 * Reports the promises of these borrowers that break by `day` (docs/guarantees.md "Close of
 * business"), under their ledger locks, so the worker's rows are the ledger's latest judgement:
 * each gets one `promise.broken` event, dated the day it broke (the day after its due date),
 * and is marked reported in the same statement. A second run of the day finds them marked.
 * Returns the promises reported.
 */
export async function reportBrokenPromises(trx: Transaction<Database>, day: string, borrowerIds: string[]): Promise<number> {
  if (borrowerIds.length === 0) return 0;
  await lockBorrowerLedgers(trx, borrowerIds);
  const { rows } = await sql<{ reported: number }>`
    with broken as (
      update portfolio_promises p set broken_reported_on = ${day}::date
      where p.borrower_id = any(${borrowerIds}::text[]) and p.breaks_on is not null and p.broken_reported_on is null
        and p.breaks_on <= ${day}::date
      returning p.borrower_id, p.promise_id, p.loan_id, p.amount, p.due_date, p.paid_toward, p.breaks_on
    ),
    reported as (
      insert into events (id, type, borrower_id, loan_id, effective_date, occurred_on, payload)
      select gen_random_uuid(), ${PROMISE_BROKEN}, b.borrower_id, b.loan_id, b.breaks_on::text, now(),
        json_build_object('kordev_id', null, 'back_dated', false, 'replayed_operations', 0,
          'promise_id', b.promise_id, 'amount', round(b.amount, 2), 'due_date', b.due_date::text, 'paid_toward', round(b.paid_toward, 2))
      from broken b order by b.borrower_id, b.due_date, b.promise_id
      returning 1
    )
    select (select count(*) from reported)::integer as reported`.execute(trx);
  return rows[0]?.reported ?? 0;
}

import { sql, type Kysely } from 'kysely';

/**
 * The promises read model (docs/reads.md "Portfolio", docs/guarantees.md "Close of business"),
 * kept by the worker in each apply transaction: one row per promise to pay, as the ledger judged
 * it. `breaks_on` is the lender day whose close of business reports the promise broken unless
 * it is paid before (null: kept or cancelled); `broken_reported_on` the day the close reported
 * it (set once, never cleared: a promise is reported broken at most once). The partial index
 * is what the close scans: the promises due to break and not yet reported.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table portfolio_promises (
      borrower_id text not null,
      promise_id text not null,
      loan_id text,
      amount numeric not null,
      effective_date date not null,
      due_date date not null,
      state text not null,
      paid_toward numeric not null,
      as_of date not null,
      breaks_on date,
      broken_reported_on date,
      updated_at timestamptz not null default now(),
      primary key (borrower_id, promise_id)
    )`.execute(db);
  await sql`
    create index portfolio_promises_breaking_idx on portfolio_promises (breaks_on, borrower_id)
    where breaks_on is not null and broken_reported_on is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists portfolio_promises`.execute(db);
}

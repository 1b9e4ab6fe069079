import { sql, type Kysely } from 'kysely';

/**
 * The portfolio read model (docs/reads.md "Portfolio"), kept by the worker in each apply
 * transaction and by the close of business (docs/guarantees.md "Close of business"):
 *
 * - `portfolio_loans`: one row per loan. Days past due on any day T are computed from
 *   `oldest_owing_due` (T − it when before T, else 0), and what is due from the owing
 *   installments' due days and amounts, so the reads are right as of today without the
 *   ledger. `bucket` is the delinquency bucket last reported (the close of business announces
 *   a change). The index `(oldest_owing_due, borrower_id, loan_id)` serves the past-due part
 *   of the order "days past due descending, then ids"; the primary key the current part.
 * - `delinquency_bucket_sets`: each loan config's buckets, by the md5 of their JSON.
 * - `closed_days`: each lender day the close of business has finished.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table delinquency_bucket_sets (
      set_id text not null,
      position integer not null,
      code text not null,
      min_days integer not null,
      max_days integer,
      primary key (set_id, position)
    )`.execute(db);
  await sql`
    create table portfolio_loans (
      borrower_id text not null,
      loan_id text not null,
      owner text,
      as_of date not null,
      is_open boolean not null,
      oldest_owing_due date,
      bucket text not null,
      bucket_set text not null,
      owing_due_dates date[] not null,
      owing_amounts numeric[] not null,
      outstanding_principal numeric not null,
      full_payment_amount numeric not null,
      origination_date text not null,
      paid_off_date date,
      is_cancelled boolean not null,
      chargeoff_date date,
      updated_at timestamptz not null default now(),
      primary key (borrower_id, loan_id)
    )`.execute(db);
  await sql`create index portfolio_loans_past_due_idx on portfolio_loans (oldest_owing_due, borrower_id, loan_id)`.execute(db);
  await sql`create index portfolio_loans_owner_idx on portfolio_loans (owner, oldest_owing_due, borrower_id, loan_id)`.execute(db);
  await sql`
    create table closed_days (
      day date primary key,
      finished_at timestamptz not null default now(),
      loans_changed integer not null
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists closed_days`.execute(db);
  await sql`drop table if exists portfolio_loans`.execute(db);
  await sql`drop table if exists delinquency_bucket_sets`.execute(db);
}

import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { PortfolioLoan } from '@lsl/ledger';
import type { Database } from '../schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Writes the portfolio rows of the loans given (docs/reads.md "Portfolio"), in one statement:
 * called by the worker in the transaction that applies their borrowers' operations, so a read
 * sees an operation's effect exactly when its result. A new row takes the loan's bucket; an
 * existing open loan keeps the bucket last reported, for the close of business to announce a
 * change (docs/guarantees.md "Close of business"); a closed or charged-off one takes its own.
 */
export async function upsertPortfolioLoans(trx: Db, loans: PortfolioLoan[]): Promise<void> {
  if (loans.length === 0) return;
  await sql`with ${portfolioCtes(loans)} select (select count(*) from portfolio_saved) as n`.execute(trx);
}

/**
 * The statements of `upsertPortfolioLoans` as CTEs (`portfolio_input`, `portfolio_sets`,
 * `portfolio_saved`), for a statement that writes more besides (`commitAppliedBatch`).
 */
export function portfolioCtes(loans: PortfolioLoan[]): RawBuilder<unknown> {
  const input = JSON.stringify(loans);
  return sql`portfolio_input as (
      select * from jsonb_to_recordset(${input}::jsonb) as x(
        borrower_id text, loan_id text, owner text, as_of date, is_open boolean, oldest_owing_due date, bucket text,
        buckets jsonb, owing_due_dates jsonb, owing_amounts jsonb, outstanding_principal numeric, full_payment_amount numeric,
        origination_date text, paid_off_date date, is_cancelled boolean, chargeoff_date date)
    ),
    portfolio_sets as (
      insert into delinquency_bucket_sets (set_id, position, code, min_days, max_days)
      select distinct md5(i.buckets::text), b.n::integer - 1, b.value->>'code', (b.value->>'min_days')::integer, (b.value->>'max_days')::integer
      from portfolio_input i cross join lateral jsonb_array_elements(i.buckets) with ordinality as b(value, n)
      on conflict do nothing
    ),
    portfolio_saved as (
      insert into portfolio_loans (
        borrower_id, loan_id, owner, as_of, is_open, oldest_owing_due, bucket, bucket_set, owing_due_dates, owing_amounts,
        outstanding_principal, full_payment_amount, origination_date, paid_off_date, is_cancelled, chargeoff_date, updated_at)
      select i.borrower_id, i.loan_id, i.owner, i.as_of, i.is_open, i.oldest_owing_due, i.bucket, md5(i.buckets::text),
        array(select jsonb_array_elements_text(i.owing_due_dates)::date), array(select jsonb_array_elements_text(i.owing_amounts)::numeric),
        i.outstanding_principal, i.full_payment_amount, i.origination_date, i.paid_off_date, i.is_cancelled, i.chargeoff_date, now()
      from portfolio_input i
      order by i.borrower_id, i.loan_id
      on conflict (borrower_id, loan_id) do update set
        owner = excluded.owner, as_of = excluded.as_of, is_open = excluded.is_open, oldest_owing_due = excluded.oldest_owing_due,
        bucket = case when excluded.is_open then portfolio_loans.bucket else excluded.bucket end,
        bucket_set = excluded.bucket_set, owing_due_dates = excluded.owing_due_dates, owing_amounts = excluded.owing_amounts,
        outstanding_principal = excluded.outstanding_principal, full_payment_amount = excluded.full_payment_amount,
        origination_date = excluded.origination_date, paid_off_date = excluded.paid_off_date, is_cancelled = excluded.is_cancelled,
        chargeoff_date = excluded.chargeoff_date, updated_at = excluded.updated_at
      returning 1
    )`;
}

/** Days past due on `day` (a `date` expression) of row `p`. */
export function daysPastDueSql(day: RawBuilder<unknown>): RawBuilder<number> {
  return sql<number>`(case when p.oldest_owing_due < ${day} then ${day} - p.oldest_owing_due else 0 end)`;
}

/** The bucket code of row `p`'s bucket set for `dpd`. */
export function bucketSql(dpd: RawBuilder<number>): RawBuilder<string> {
  return sql<string>`(select s.code from delinquency_bucket_sets s
    where s.set_id = p.bucket_set and ${dpd} >= s.min_days and (s.max_days is null or ${dpd} <= s.max_days)
    order by s.position limit 1)`;
}

export interface PortfolioFilters {
  owner?: string;
  minDaysPastDue?: number;
  maxDaysPastDue?: number;
  bucket?: string;
  isCancelled?: boolean;
  isChargedOff?: boolean;
}

/**
 * Where a page starts: after a past-due loan (ordered by its oldest owing due day, then ids) or
 * after a current one (ordered by ids). Past-due loans come first.
 */
export type PortfolioPosition =
  | { part: 'past_due'; oldestOwingDue: string; borrowerId: string; loanId: string }
  | { part: 'current'; borrowerId: string; loanId: string };

/** One loan of `get_summary` as of a day; amounts are decimal strings rounded to cents. */
export interface PortfolioSummaryRow {
  borrower_id: string;
  loan_id: string;
  owner: string | null;
  oldest_owing_due: string | null;
  days_past_due: number;
  delinquency_bucket: string;
  next_payment_date: string | null;
  next_payment_amount: string;
  immediate_payment_amount: string;
  full_payment_amount: string;
  origination_date: string;
  paid_off_date: string | null;
  is_cancelled: boolean;
  chargeoff_date: string | null;
}

function filtersSql(day: RawBuilder<unknown>, filters: PortfolioFilters): RawBuilder<unknown>[] {
  const where: RawBuilder<unknown>[] = [];
  if (filters.owner !== undefined) where.push(sql`p.owner = ${filters.owner}`);
  if (filters.isCancelled !== undefined) where.push(sql`p.is_cancelled = ${filters.isCancelled}`);
  if (filters.isChargedOff !== undefined) where.push(filters.isChargedOff ? sql`p.chargeoff_date is not null` : sql`p.chargeoff_date is null`);
  if (filters.bucket !== undefined) where.push(sql`${bucketSql(daysPastDueSql(day))} = ${filters.bucket}`);
  return where;
}

/**
 * A page of `get_summary` (docs/reads.md "Portfolio"): the loans matching `filters` as of `day`,
 * by days past due descending then borrower and loan id, starting after `after`. Two ordered
 * index scans: the past-due loans by `(oldest_owing_due, borrower_id, loan_id)` (the oldest due
 * day is the most days past due), then the current ones by the primary key.
 */
export async function listPortfolioLoans(
  db: Db,
  day: string,
  filters: PortfolioFilters,
  after: PortfolioPosition | undefined,
  limit: number,
): Promise<PortfolioSummaryRow[]> {
  const d = sql`${day}::date`;
  const rows: PortfolioSummaryRow[] = [];
  const range = filters.bucket === undefined ? undefined : await bucketRange(db, filters.bucket);
  // An unknown bucket: no loan is in it.
  if (range === null) return rows;
  // When the bucket is the same range of days in every bucket set, the range alone selects it.
  const common = filtersSql(d, range?.exact ? { ...filters, bucket: undefined } : filters);
  if (after?.part !== 'current') {
    const where = [sql`p.oldest_owing_due < ${d}`, ...common];
    if (filters.minDaysPastDue !== undefined && filters.minDaysPastDue > 0) where.push(sql`p.oldest_owing_due <= ${d} - ${filters.minDaysPastDue}::integer`);
    if (filters.maxDaysPastDue !== undefined) where.push(sql`p.oldest_owing_due >= ${d} - ${filters.maxDaysPastDue}::integer`);
    if (after) where.push(sql`(p.oldest_owing_due, p.borrower_id, p.loan_id) > (${after.oldestOwingDue}::date, ${after.borrowerId}, ${after.loanId})`);
    // A bucket is a range of days in every bucket set that has it: the widest one bounds the
    // index scan, the exact bucket of each loan is checked above.
    if (range) where.push(sql`p.oldest_owing_due between ${d} - ${range.maxDays}::integer and ${d} - ${range.minDays}::integer`);
    rows.push(...(await page(db, d, where, sql`p.oldest_owing_due, p.borrower_id, p.loan_id`, limit)));
  }
  // Current loans (0 days) are only in buckets from 0 days.
  if (rows.length < limit && !(filters.minDaysPastDue !== undefined && filters.minDaysPastDue > 0) && (range === undefined || range.minDays === 0)) {
    const where = [sql`(p.oldest_owing_due is null or p.oldest_owing_due >= ${d})`, ...common];
    if (after?.part === 'current') where.push(sql`(p.borrower_id, p.loan_id) > (${after.borrowerId}, ${after.loanId})`);
    rows.push(...(await page(db, d, where, sql`p.borrower_id, p.loan_id`, limit - rows.length)));
  }
  return rows;
}

/** The widest range of days `code` covers over every bucket set that has it; null when none has it. */
async function bucketRange(db: Db, code: string): Promise<{ minDays: number; maxDays: number; exact: boolean } | null> {
  const { rows } = await sql<{ min_days: number | null; max_days: number | null; exact: boolean }>`
    select min(min_days) as min_days, max(coalesce(max_days, 36500)) as max_days,
      -- every bucket set has this code with the same range: the range is the bucket
      count(distinct (min_days, max_days)) = 1 and count(*) = (select count(distinct set_id) from delinquency_bucket_sets) as exact
    from delinquency_bucket_sets where code = ${code}`.execute(db);
  const row = rows[0];
  return row?.min_days == null || row.max_days == null ? null : { minDays: Number(row.min_days), maxDays: Number(row.max_days), exact: row.exact };
}

async function page(db: Db, d: RawBuilder<unknown>, where: RawBuilder<unknown>[], order: RawBuilder<unknown>, limit: number): Promise<PortfolioSummaryRow[]> {
  const dpd = daysPastDueSql(d);
  const { rows } = await sql<PortfolioSummaryRow>`
    select p.borrower_id, p.loan_id, p.owner, p.oldest_owing_due::text as oldest_owing_due, ${dpd} as days_past_due,
      ${bucketSql(dpd)} as delinquency_bucket,
      o.next_date::text as next_payment_date,
      round(coalesce(o.next_amount, 0), 2)::text as next_payment_amount,
      round(o.overdue, 2)::text as immediate_payment_amount,
      round(p.full_payment_amount, 2)::text as full_payment_amount,
      p.origination_date, p.paid_off_date::text as paid_off_date, p.is_cancelled, p.chargeoff_date::text as chargeoff_date
    from portfolio_loans p
    cross join lateral (
      select min(u.due) filter (where u.due >= ${d}) as next_date,
        (array_agg(u.owed order by u.due) filter (where u.due >= ${d}))[1] as next_amount,
        coalesce(sum(u.owed) filter (where u.due < ${d}), 0) as overdue
      from unnest(p.owing_due_dates, p.owing_amounts) as u(due, owed)
    ) o
    where ${sql.join(where, sql` and `)}
    order by ${order}
    limit ${limit}`.execute(db);
  return rows.map((r) => ({ ...r, days_past_due: Number(r.days_past_due) }));
}

export interface AgingRow {
  bucket: string;
  loans: number;
  outstanding_principal: string;
  overdue_amount: string;
}

/**
 * The book's aging as of `day` (docs/reads.md "Portfolio"): the open loans still owing (of
 * `owner`, when given) counted and summed by delinquency bucket. Every bucket code of the
 * stored bucket sets is listed, in their order (by first day), with zeros where no loan is.
 */
export async function portfolioAging(db: Db, day: string, owner: string | undefined): Promise<AgingRow[]> {
  const d = sql`${day}::date`;
  const dpd = daysPastDueSql(d);
  const { rows } = await sql<AgingRow>`
    with loans as (
      select ${bucketSql(dpd)} as bucket, p.outstanding_principal,
        (select coalesce(sum(u.owed), 0) from unnest(p.owing_due_dates, p.owing_amounts) as u(due, owed) where u.due < ${d}) as overdue
      from portfolio_loans p
      where p.is_open and p.full_payment_amount > 0 ${owner === undefined ? sql`` : sql`and p.owner = ${owner}`}
    ),
    codes as (select code, min(min_days) as first_day from delinquency_bucket_sets group by code)
    select c.code as bucket, count(l.bucket)::integer as loans,
      round(coalesce(sum(l.outstanding_principal), 0), 2)::text as outstanding_principal,
      round(coalesce(sum(l.overdue), 0), 2)::text as overdue_amount
    from codes c left join loans l on l.bucket = c.code
    group by c.code, c.first_day
    order by c.first_day, c.code`.execute(db);
  return rows;
}

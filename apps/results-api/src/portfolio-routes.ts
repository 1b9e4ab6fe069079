/**
 * docs/reads.md "Portfolio": `get_summary` (every loan by days past due, filtered, paged) and
 * the aging of the book, both as of today in the ledger's time zone, read from the portfolio
 * read model the worker keeps in each apply transaction.
 */
import { Router, type Request, type Response } from 'express';
import type { Kysely } from 'kysely';
import { getAgingQuerySchema, getSummaryQuerySchema, parseQuery } from '@lsl/contracts';
import { listPortfolioLoans, portfolioAging, type Database, type PortfolioPosition, type PortfolioSummaryRow } from '@lsl/db';
import { DEFAULT_DELINQUENCY_BUCKETS, toDay, type LedgerOptions } from '@lsl/ledger';
import { decodeCursor, encodeCursor } from './portfolio-cursor.js';

export interface PortfolioRoutesOptions {
  db: Kysely<Database>;
  ledger: LedgerOptions;
  now: () => Date;
}

/** `123.45` (as Postgres writes a numeric rounded to 2 places) → 12345n. */
function cents(amount: string): bigint {
  const [whole = '0', frac = ''] = amount.split('.');
  const sign = whole.startsWith('-') ? -1n : 1n;
  return sign * (BigInt(whole.replace('-', '')) * 100n + BigInt((frac + '00').slice(0, 2)));
}

function money(value: bigint): number {
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  return Number(`${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`);
}

function loanOf(row: PortfolioSummaryRow) {
  return {
    borrower_id: row.borrower_id,
    loan_id: row.loan_id,
    owner: row.owner,
    days_past_due: row.days_past_due,
    delinquency_bucket: row.delinquency_bucket,
    next_payment_date: row.next_payment_date,
    next_payment_amount: money(cents(row.next_payment_amount)),
    immediate_payment_amount: money(cents(row.immediate_payment_amount)),
    full_payment_amount: money(cents(row.full_payment_amount)),
    origination_date: row.origination_date,
    paid_off_date: row.paid_off_date,
    is_cancelled: row.is_cancelled,
    chargeoff_date: row.chargeoff_date,
  };
}

function positionAfter(row: PortfolioSummaryRow): PortfolioPosition {
  return row.days_past_due > 0 && row.oldest_owing_due !== null
    ? { part: 'past_due', oldestOwingDue: row.oldest_owing_due, borrowerId: row.borrower_id, loanId: row.loan_id }
    : { part: 'current', borrowerId: row.borrower_id, loanId: row.loan_id };
}

export function createPortfolioRouter(options: PortfolioRoutesOptions): Router {
  const router = Router();
  const { db } = options;
  const today = () => toDay(options.now().toISOString(), options.ledger.timeZone);

  router.get('/v1/borrowers/loans/get_summary', async (req: Request, res: Response) => {
    const query = parseQuery(getSummaryQuerySchema, req.query);
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const limit = query.limit ?? 100;
    const rows = await listPortfolioLoans(
      db,
      today(),
      {
        owner: query.owner,
        minDaysPastDue: query.min_days_past_due,
        maxDaysPastDue: query.max_days_past_due,
        bucket: query.delinquency_bucket,
        isCancelled: query.is_cancelled,
        isChargedOff: query.is_charged_off,
      },
      after,
      limit + 1,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    res.json({ loans: page.map(loanOf), next_cursor: rows.length > limit && last ? encodeCursor(positionAfter(last)) : null });
  });

  router.get('/v1/portfolio/aging', async (req: Request, res: Response) => {
    const query = parseQuery(getAgingQuerySchema, req.query);
    const asOf = today();
    let rows = await portfolioAging(db, asOf, query.owner);
    // Nothing stored yet: the default buckets, empty.
    if (rows.length === 0) rows = DEFAULT_DELINQUENCY_BUCKETS.map((b) => ({ bucket: b.code, loans: 0, outstanding_principal: '0.00', overdue_amount: '0.00' }));
    let loans = 0;
    let principal = 0n;
    let overdue = 0n;
    const buckets = rows.map((row) => {
      loans += row.loans;
      principal += cents(row.outstanding_principal);
      overdue += cents(row.overdue_amount);
      return { bucket: row.bucket, loans: row.loans, outstanding_principal: money(cents(row.outstanding_principal)), overdue_amount: money(cents(row.overdue_amount)) };
    });
    res.json({ owner: query.owner ?? null, as_of: asOf, buckets, totals: { loans, outstanding_principal: money(principal), overdue_amount: money(overdue) } });
  });

  return router;
}


/**
 * docs/reads.md "Portfolio" over HTTP: get_summary's paging, filters and 400s; the aging; the
 * route beside `/v1/borrowers/{borrower_id}/...`. The read model is written as the worker
 * writes it (`upsertPortfolioLoans` of the ledger's `portfolioLoansOf`); the clock is injected.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import express from 'express';
import type { Kysely } from 'kysely';
import { createDb, upsertPortfolioLoans, type Database } from '@lsl/db';
import { createTestDatabase, type TestDatabase } from '@lsl/db/testing';
import { errorHandler } from '@lsl/http';
import { apply, emptyState, portfolioLoansOf, type BorrowerState, type LedgerOperation } from '@lsl/ledger';
import { createResultsRouter } from '../src/routes.js';

const LEDGER = { timeZone: 'America/Bogota' };
const LOAN_CONFIG = { id: 'DEFAULT', version: 1, usury_rate: null, usury_behavior: 'cap' as const, daily_fee_max_charge: null, late_fee_amount: null, late_fee_grace_days: 0 };
let today = '2024-04-01';

function loanOp(seq: number, loanId: string, dues: string[], owner: string): LedgerOperation {
  return {
    type: 'create_loan', seq, operationId: `op-${seq}`, recordedAt: '2024-01-15T10:00:00-05:00', requestId: null, loanId, loanConfig: LOAN_CONFIG,
    body: {
      loan: {
        amount_financed: 1200000, config_id: 'DEFAULT', daily_fee_charge: null, delinquency_interest_rate: 0.3848, due_dates: dues.map((d) => `${d}T23:59:59.999999-05:00`),
        guarantee_provider: null, installment_fee_2_charge: null, installment_fee_charge: null, interest_rate: 0.3848, origination_date: '2024-01-15T00:00:00-05:00', owner,
      },
      occurred_on: '2024-01-15T10:00:00-05:00',
      request_id: null,
    },
  };
}

let database: TestDatabase;
let db: Kysely<Database>;
let server: Server;
let base = '';
before(async () => {
  database = await createTestDatabase();
  db = createDb({ connectionString: database.url, max: 4 });
  const app = express();
  app.use(createResultsRouter({ db, ledger: LEDGER, now: () => new Date(`${today}T12:00:00-05:00`) }));
  app.use(errorHandler());
  server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  // 30 borrowers, one loan each, first due dates spread over 2024-01-20 .. 2024-06-17.
  for (let b = 0; b < 30; b++) {
    const first = new Date(Date.parse('2024-01-20T00:00:00Z') + b * 5 * 86_400_000).toISOString().slice(0, 10);
    const second = new Date(Date.parse(first) + 30 * 86_400_000).toISOString().slice(0, 10);
    let state: BorrowerState = emptyState(`B${String(b).padStart(2, '0')}`);
    state = apply(state, loanOp(1, 'L1', [first, second], b % 3 === 0 ? 'FUND_2' : 'BANK_1'), LEDGER).state;
    await upsertPortfolioLoans(db, portfolioLoansOf(state, today, LEDGER));
  }
});
after(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await db?.destroy();
  await database?.drop();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const get = async (path: string): Promise<{ status: number; body: any }> => {
  const res = await fetch(`${base}${path}`);
  return { status: res.status, body: await res.json() };
};

describe('GET /v1/borrowers/loans/get_summary', () => {
  it('pages by days past due descending, then ids; each page continues the last', async () => {
    const all: Array<{ borrower_id: string; days_past_due: number }> = [];
    let cursor: string | null = null;
    do {
      const res = await get(`/v1/borrowers/loans/get_summary?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.ok(res.body.loans.length <= 7);
      all.push(...res.body.loans);
      cursor = res.body.next_cursor;
    } while (cursor);
    assert.equal(all.length, 30);
    assert.deepEqual(all.map((l) => l.days_past_due), [...all.map((l) => l.days_past_due)].sort((a, b) => b - a));
    assert.equal(all[0]!.borrower_id, 'B00');
    assert.equal(all[0]!.days_past_due, 72); // 2024-01-20 → 2024-04-01
    const current = all.filter((l) => l.days_past_due === 0).map((l) => l.borrower_id);
    assert.deepEqual(current, [...current].sort());
  });

  it('filters, and days past due as of the injected today', async () => {
    const res = await get('/v1/borrowers/loans/get_summary?owner=FUND_2&min_days_past_due=1&delinquency_bucket=1-30&is_cancelled=false&is_charged_off=false');
    assert.equal(res.status, 200);
    for (const loan of res.body.loans) {
      assert.equal(loan.owner, 'FUND_2');
      assert.equal(loan.delinquency_bucket, '1-30');
      assert.ok(loan.days_past_due >= 1 && loan.days_past_due <= 30);
    }
    assert.ok(res.body.loans.length > 0);
    today = '2024-04-11';
    const later = await get('/v1/borrowers/loans/get_summary?limit=1');
    assert.equal(later.body.loans[0].days_past_due, 82);
    assert.equal(later.body.loans[0].delinquency_bucket, '61-90');
    today = '2024-04-01';
  });

  it('bad query values are 400 in the error body, naming the parameter', async () => {
    for (const [query, field] of [
      ['limit=0', 'query.limit'],
      ['limit=abc', 'query.limit'],
      ['min_days_past_due=-1', 'query.min_days_past_due'],
      ['min_days_past_due=10&max_days_past_due=5', 'query.max_days_past_due'],
      ['is_cancelled=yes', 'query.is_cancelled'],
      ['is_charged_off=1', 'query.is_charged_off'],
      ['cursor=not-a-cursor', 'query.cursor'],
      [`cursor=${Buffer.from('["x"]').toString('base64url')}`, 'query.cursor'],
    ]) {
      const res = await get(`/v1/borrowers/loans/get_summary?${query}`);
      assert.equal(res.status, 400, query);
      assert.deepEqual(Object.keys(res.body).sort(), ['code', 'context', 'error', 'status'], query);
      assert.ok(field! in res.body.context.fields, `${query}: ${JSON.stringify(res.body)}`);
    }
  });
});

describe('GET /v1/portfolio/aging', () => {
  it('counts and sums the open loans by bucket, in the buckets\' order; totals are the sums', async () => {
    const res = await get('/v1/portfolio/aging');
    assert.equal(res.status, 200);
    assert.equal(res.body.as_of, '2024-04-01');
    assert.equal(res.body.owner, null);
    assert.deepEqual(res.body.buckets.map((b: { bucket: string }) => b.bucket), ['CURRENT', '1-30', '31-60', '61-90', '91-180', '181+']);
    assert.equal(res.body.totals.loans, 30);
    const sum = (k: string) => Math.round(res.body.buckets.reduce((s: number, b: Record<string, number>) => s + b[k]! * 100, 0)) / 100;
    assert.equal(res.body.totals.outstanding_principal, sum('outstanding_principal'));
    assert.equal(res.body.totals.overdue_amount, sum('overdue_amount'));
    assert.equal(res.body.totals.outstanding_principal, 30 * 1200000);
    const summary = await get('/v1/borrowers/loans/get_summary?limit=1000');
    for (const bucket of res.body.buckets) {
      assert.equal(bucket.loans, summary.body.loans.filter((l: { delinquency_bucket: string }) => l.delinquency_bucket === bucket.bucket).length, bucket.bucket);
    }
    const owner = await get('/v1/portfolio/aging?owner=FUND_2');
    assert.equal(owner.body.owner, 'FUND_2');
    assert.equal(owner.body.totals.loans, 10);
  });

  it('a borrower named "loans" still has its own get_status route', async () => {
    const res = await get('/v1/borrowers/loans/get_status');
    assert.equal(res.status, 404);
    assert.equal(res.body.status, 'Not Found');
  });
});

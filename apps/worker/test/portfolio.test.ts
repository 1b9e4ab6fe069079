/**
 * The portfolio read model (docs/reads.md "Portfolio"): written in each apply transaction,
 * it answers get_summary as get_status does, loan by loan, for a random portfolio (a property
 * over seeded random books), and as of any later day for days past due.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import { createDb, listPortfolioLoans, type Database, type PortfolioSummaryRow } from '@lsl/db';
import { createTestDatabase, type TestDatabase } from '@lsl/db/testing';
import { statusAt } from '@lsl/ledger';
import { loadStoredState } from '@lsl/ledger-store';
import { applyPendingBatch } from '../src/apply-pending.js';
import { createLoan, LEDGER, noonOf, pay } from './portfolio-fixtures.js';

let database: TestDatabase;
let db: Kysely<Database>;
before(async () => {
  database = await createTestDatabase();
  db = createDb({ connectionString: database.url, max: 4 });
});
after(async () => {
  await db?.destroy();
  await database?.drop();
});

/** A small deterministic generator (mulberry32), so a failure names its seed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function allRows(day: string): Promise<PortfolioSummaryRow[]> {
  const rows: PortfolioSummaryRow[] = [];
  let after: Parameters<typeof listPortfolioLoans>[3];
  for (;;) {
    const page = await listPortfolioLoans(db, day, {}, after, 7);
    rows.push(...page);
    if (page.length < 7) return rows;
    const last = page[page.length - 1]!;
    after = last.days_past_due > 0 ? { part: 'past_due', oldestOwingDue: last.oldest_owing_due!, borrowerId: last.borrower_id, loanId: last.loan_id } : { part: 'current', borrowerId: last.borrower_id, loanId: last.loan_id };
  }
}

async function assertAgrees(day: string, borrowers: string[]): Promise<void> {
  const mine = new Set(borrowers);
  const rows = (await allRows(day)).filter((r) => mine.has(r.borrower_id));
  for (let i = 1; i < rows.length; i++) {
    const [a, b] = [rows[i - 1]!, rows[i]!];
    assert.ok(a.days_past_due > b.days_past_due || (a.days_past_due === b.days_past_due && `${a.borrower_id}\u0000${a.loan_id}` < `${b.borrower_id}\u0000${b.loan_id}`), `order at ${i}`);
  }
  const byKey = new Map(rows.map((r) => [`${r.borrower_id}/${r.loan_id}`, r]));
  let loans = 0;
  for (const borrowerId of borrowers) {
    const stored = await loadStoredState(db, borrowerId);
    const status = statusAt(stored!.state, day, LEDGER);
    for (const loan of status.loans) {
      loans++;
      const row = byKey.get(`${borrowerId}/${loan.attributes.id}`);
      assert.ok(row, `${borrowerId}/${loan.attributes.id} listed`);
      const what = `${borrowerId}/${loan.attributes.id} on ${day}`;
      assert.equal(row.days_past_due, loan.delinquency.days_past_due, what);
      assert.equal(row.delinquency_bucket, loan.delinquency.bucket, what);
      assert.equal(row.next_payment_date, loan.summary.next_payment_date, what);
      assert.equal(Number(row.next_payment_amount), loan.summary.next_payment_amount, what);
      assert.equal(Number(row.immediate_payment_amount), loan.summary.immediate_payment_amount, what);
      assert.equal(Number(row.full_payment_amount), loan.summary.full_payment_amount, what);
      assert.equal(row.owner, loan.attributes.owner, what);
      assert.equal(row.is_cancelled, loan.attributes.is_cancelled, what);
      assert.equal(row.paid_off_date, loan.attributes.paid_off_date, what);
    }
  }
  assert.equal(rows.length, loans, JSON.stringify(rows.map((r) => [r.borrower_id, r.loan_id, r.days_past_due])));
}

describe('portfolio read model', () => {
  it('property: get_summary agrees with get_status for every loan of a random portfolio, the day of its operations', async () => {
    for (const seed of [1, 2, 3]) {
      const rnd = random(seed);
      const borrowers: string[] = [];
      const today = addDays('2024-06-01', Math.floor(rnd() * 300));
      for (let b = 0; b < 8; b++) {
        const borrowerId = `S${seed}-B${b}`;
        borrowers.push(borrowerId);
        const loans = 1 + Math.floor(rnd() * 2);
        for (let l = 0; l < loans; l++) {
          const origination = addDays('2024-01-01', Math.floor(rnd() * 120));
          const dues = Array.from({ length: 1 + Math.floor(rnd() * 6) }, (_, k) => addDays(origination, 30 * (k + 1)));
          await createLoan(db, borrowerId, { loanId: `L${l}`, origination, dues, owner: rnd() < 0.5 ? 'BANK_1' : 'FUND_2' });
        }
        const payments = Math.floor(rnd() * 3);
        for (let p = 0; p < payments; p++) await pay(db, borrowerId, `P${p}`, Math.round(rnd() * 900000), addDays('2024-05-01', p * 20));
      }
      await applyPendingBatch(db, borrowers, { ledger: LEDGER, now: () => noonOf(today) });
      await assertAgrees(today, borrowers);
      // Days past due stay right on later days without any operation (the amounts then miss accruals).
      const rows = await allRows(addDays(today, 45));
      for (const row of rows) {
        if (row.oldest_owing_due === null) assert.equal(row.days_past_due, 0);
        else assert.equal(row.days_past_due, Math.max(0, (Date.parse(addDays(today, 45)) - Date.parse(row.oldest_owing_due)) / 86_400_000));
      }
    }
  });

  it('filters: owner, days past due, bucket', async () => {
    const day = '2024-09-01';
    await createLoan(db, 'F1', { loanId: 'L1', origination: '2024-08-01', dues: ['2024-09-01', '2024-10-01'], owner: 'FUND_2' });
    await createLoan(db, 'F2', { loanId: 'L1', origination: '2024-08-01', dues: ['2024-09-15'] });
    await applyPendingBatch(db, ['F1', 'F2'], { ledger: LEDGER, now: () => noonOf(day) });
    const all = await allRows(day);
    const owner = await listPortfolioLoans(db, day, { owner: 'FUND_2' }, undefined, 1000);
    assert.deepEqual(owner, all.filter((r) => r.owner === 'FUND_2'));
    const range = await listPortfolioLoans(db, day, { minDaysPastDue: 31, maxDaysPastDue: 90 }, undefined, 1000);
    assert.deepEqual(range, all.filter((r) => r.days_past_due >= 31 && r.days_past_due <= 90));
    const bucket = await listPortfolioLoans(db, day, { bucket: '61-90' }, undefined, 1000);
    assert.deepEqual(bucket, all.filter((r) => r.delinquency_bucket === '61-90'));
    const current = await listPortfolioLoans(db, day, { maxDaysPastDue: 0 }, undefined, 1000);
    assert.deepEqual(current, all.filter((r) => r.days_past_due === 0));
    assert.ok(all.some((r) => r.days_past_due > 0) && all.some((r) => r.days_past_due === 0), 'both parts present');
  });
});

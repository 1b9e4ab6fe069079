// (h) Portfolio and close of business (docs/reads.md "Portfolio", docs/guarantees.md "Close of
// business"): the close over N open loans (target ≤ 2 min for 100,000), get_summary's p99 for a
// page of 100 over them (target ≤ 50 ms), and what the read model adds to each applied batch.
// The N loans are seeded straight into the read model with set-based SQL (with their borrowers'
// rows, so the close takes real locks); the per-operation cost applies real operations.
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { createDb, listPortfolioLoans, upsertPortfolioLoans, type PortfolioPosition } from '@lsl/db';
import { createTestDatabase } from '@lsl/db/testing';
import { apply, emptyState, portfolioLoansOf, type BorrowerState, type LedgerOperation } from '@lsl/ledger';
import { runCloseOfBusiness } from '../apps/worker/src/close-of-business.js';
import { round, summarize } from './stats.js';

const LEDGER = { timeZone: 'America/Bogota' };
const TODAY = '2024-09-01';
const LOAN_CONFIG = { id: 'DEFAULT', version: 1, usury_rate: null, usury_behavior: 'cap' as const, daily_fee_max_charge: null, late_fee_amount: null, late_fee_grace_days: 0 };

export interface PortfolioFigures {
  loans: number;
  closeSeconds: number;
  closeLoansChanged: number;
  summaryPages: number;
  summaryP50Ms: number;
  summaryP99Ms: number;
  /** Per filter: p50 / p99 / max ms. */
  summaryByFilter: Record<string, { p50: number; p99: number; max: number }>;
  readModelMsPerBorrower: number;
  readModelEvaluateMsPerBorrower: number;
  readModelWriteMsPerBorrower: number;
  applyMsPerOperation: number;
}

function loanOp(seq: number, loanId: string, first: string): LedgerOperation {
  const dues = [0, 1, 2, 3, 4, 5].map((k) => new Date(Date.parse(`${first}T00:00:00Z`) + k * 30 * 86_400_000).toISOString().slice(0, 10));
  return {
    type: 'create_loan', seq, operationId: `op-${seq}`, recordedAt: '2024-01-15T10:00:00-05:00', requestId: null, loanId, loanConfig: LOAN_CONFIG,
    body: {
      loan: {
        amount_financed: 1200000, config_id: 'DEFAULT', daily_fee_charge: null, delinquency_interest_rate: 0.3848, due_dates: dues.map((d) => `${d}T23:59:59.999999-05:00`),
        guarantee_provider: null, installment_fee_2_charge: null, installment_fee_charge: 60000, interest_rate: 0.3848, origination_date: '2024-01-15T00:00:00-05:00', owner: 'BANK_1',
      },
      occurred_on: '2024-01-15T10:00:00-05:00',
      request_id: null,
    },
  };
}

export async function runPortfolio(options: { loans: number }, log: (m: string) => void): Promise<PortfolioFigures> {
  const database = await createTestDatabase();
  const db = createDb({ connectionString: database.url, max: 4 });
  try {
    // One real row makes the default bucket set; the N loans copy its set id.
    await upsertPortfolioLoans(db, portfolioLoansOf(apply(emptyState('seed'), loanOp(1, 'L1', '2024-02-15'), LEDGER).state, TODAY, LEDGER));
    log(`seeding ${options.loans} loans into the read model`);
    await sql`insert into borrowers (id, last_seq) select 'PB' || lpad(g::text, 7, '0'), 0 from generate_series(1, ${options.loans}::integer) g`.execute(db);
    await sql`insert into borrower_ledgers (borrower_id, applied_seq, state, updated_at) select 'PB' || lpad(g::text, 7, '0'), 1, 'null'::json, now() from generate_series(1, ${options.loans}::integer) g`.execute(db);
    // Oldest owing due days spread over 300 days before today to 30 after; every bucket "CURRENT"
    // as last reported, so the close finds most loans changed (its worst case).
    await sql`
      insert into portfolio_loans (borrower_id, loan_id, owner, as_of, is_open, oldest_owing_due, bucket, bucket_set, owing_due_dates, owing_amounts,
        outstanding_principal, full_payment_amount, origination_date, paid_off_date, is_cancelled, chargeoff_date)
      select 'PB' || lpad(g::text, 7, '0'), 'L1', 'OWNER_' || (g % 5), ${TODAY}::date - 1, true, d.due, 'CURRENT', s.bucket_set,
        array[d.due, d.due + 30, d.due + 60], array[210000.125, 210000.125, 210000.125]::numeric[], 600000, 630000.375,
        '2024-01-15T00:00:00-05:00', null, false, null
      from generate_series(1, ${options.loans}::integer) g
      cross join lateral (select ${TODAY}::date - 300 + (g * 7919 % 331) as due) d
      cross join (select bucket_set from portfolio_loans limit 1) s`.execute(db);
    await sql`analyze portfolio_loans`.execute(db);

    log('close of business over them');
    let started = performance.now();
    const run = await runCloseOfBusiness({ db, ledger: LEDGER, now: () => new Date(`${TODAY}T12:00:00-05:00`) });
    const closeSeconds = round((performance.now() - started) / 1000, 2);
    const closeLoansChanged = run.days.reduce((s, d) => s + d.loansChanged, 0);

    log('get_summary pages of 100');
    const times: number[] = [];
    const byFilter: PortfolioFigures['summaryByFilter'] = {};
    const filters = [{}, { owner: 'OWNER_3' }, { bucket: '31-60' }, { minDaysPastDue: 10, maxDaysPastDue: 120 }, { maxDaysPastDue: 0 }];
    for (const filter of filters) {
      let after: PortfolioPosition | undefined;
      const mine: number[] = [];
      byFilter[JSON.stringify(filter)] = { p50: 0, p99: 0, max: 0 };
      for (let page = 0; page < 40; page++) {
        const t = performance.now();
        const rows = await listPortfolioLoans(db, TODAY, filter, after, 101);
        times.push(performance.now() - t);
        mine.push(performance.now() - t);
        const { p50, p99, max } = summarize(mine);
        byFilter[JSON.stringify(filter)] = { p50, p99, max };
        const last = rows[99];
        if (!last) break;
        after = last.days_past_due > 0 ? { part: 'past_due', oldestOwingDue: last.oldest_owing_due!, borrowerId: last.borrower_id, loanId: last.loan_id } : { part: 'current', borrowerId: last.borrower_id, loanId: last.loan_id };
      }
    }
    const summary = summarize(times);

    log('read model cost per applied batch: 10 batches of 64 borrowers, one loan each');
    const states: BorrowerState[] = [];
    let applyMs = 0;
    for (let b = 0; b < 640; b++) {
      const t = performance.now();
      const state = apply(emptyState(`RB${b}`), loanOp(1, 'L1', '2024-06-15'), LEDGER).state;
      applyMs += performance.now() - t;
      states.push(state);
    }
    let evaluateMs = 0;
    let writeMs = 0;
    for (let i = 0; i < states.length; i += 64) {
      started = performance.now();
      const rows = states.slice(i, i + 64).flatMap((s) => portfolioLoansOf(s, TODAY, LEDGER));
      evaluateMs += performance.now() - started;
      started = performance.now();
      await db.transaction().execute((trx) => upsertPortfolioLoans(trx, rows));
      writeMs += performance.now() - started;
    }
    return {
      loans: options.loans,
      closeSeconds,
      closeLoansChanged,
      summaryPages: summary.n,
      summaryP50Ms: summary.p50,
      summaryP99Ms: summary.p99,
      summaryByFilter: byFilter,
      readModelEvaluateMsPerBorrower: round(evaluateMs / states.length, 3),
      readModelWriteMsPerBorrower: round(writeMs / states.length, 3),
      readModelMsPerBorrower: round((evaluateMs + writeMs) / states.length, 3),
      applyMsPerOperation: round(applyMs / states.length, 3),
    };
  } finally {
    await db.destroy();
    await database.drop();
  }
}

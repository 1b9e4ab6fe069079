/**
 * Speed of `POST /v1/borrowers/loans/simulate` for one 360-installment loan (target, docs/reads.md: under
 * 50 ms), and of `POST /v1/borrowers/{id}/simulate` for a borrower with one such loan and a
 * few payments.
 *
 *   node --conditions=source --import tsx scripts/bench-simulate.ts [--requests 200] [--url http://127.0.0.1:3000]
 *
 * Without `--url` it starts the whole system on a fresh database (test/helpers.ts) and stops it
 * afterwards. Requests are sequential on one connection, after a warm-up; it prints p50/p95/p99.
 * It also prints the CPU time of the quote in this process (validation + the ledger's
 * `simulateLoan`): on a loaded machine wall times mostly measure waiting for a core.
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { parseOperation } from '@lsl/contracts';
import { simulateLoan, type CreateLoanOperation } from '@lsl/ledger';
import { createApi, startSystem, type Api, type System } from '../test/helpers.js';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '200' }, warmup: { type: 'string', default: '20' }, url: { type: 'string' } } });
const N = Number(values.requests);
const WARMUP = Number(values.warmup);

function monthly(first: string, n: number): string[] {
  const [y, m] = first.split('-').map(Number) as [number, number];
  return Array.from({ length: n }, (_, i) => `${new Date(Date.UTC(y, m - 1 + i, 15)).toISOString().slice(0, 10)}T23:59:59.999999-05:00`);
}

const LOAN = {
  amount_financed: 250_000_000, config_id: 'DEFAULT', delinquency_interest_rate: 0.2, interest_rate: 0.145, installment_fee_charge: 3_600_000,
  daily_fee_charge: 150, origination_date: '2024-01-15T00:00:00-05:00', due_dates: monthly('2024-02', 360), owner: 'BANK_1',
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function time(label: string, request: () => Promise<{ status: number; body: any }>, expected: number): Promise<void> {
  for (let i = 0; i < WARMUP; i++) await request();
  const samples: number[] = [];
  for (let i = 0; i < N; i++) {
    const t0 = performance.now();
    const res = await request();
    samples.push(performance.now() - t0);
    if (res.status !== expected) throw new Error(`${label}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  }
  samples.sort((a, b) => a - b);
  const f = (x: number) => x.toFixed(1);
  console.log(`${label.padEnd(44)} n=${N} p50 ${f(percentile(samples, 50))} ms  p95 ${f(percentile(samples, 95))} ms  p99 ${f(percentile(samples, 99))} ms  max ${f(samples.at(-1)!)} ms`);
}

function cpuPerQuote(): void {
  const op: CreateLoanOperation = {
    type: 'create_loan', seq: 1, operationId: 'bench', recordedAt: '2024-01-15T10:00:00-05:00', loanId: 'L', body: { loan: LOAN },
    loanConfig: { id: 'DEFAULT', version: 1, usury_rate: null, usury_behavior: 'cap', daily_fee_max_charge: null, late_fee_amount: null, late_fee_grace_days: 0 },
  };
  const samples: number[] = [];
  for (let i = 0; i < WARMUP + N; i++) {
    const t0 = process.cpuUsage();
    parseOperation('create_loan', { params: { borrower_id: 'b', loan_id: 'l' }, body: { loan: LOAN } }, { timeZone: 'America/Bogota' });
    const quote = simulateLoan(op, { timeZone: 'America/Bogota' });
    JSON.stringify(quote);
    const used = process.cpuUsage(t0);
    if (i >= WARMUP) samples.push((used.user + used.system) / 1000);
  }
  samples.sort((a, b) => a - b);
  console.log(`${'quote CPU time in process (360 installments)'.padEnd(44)} n=${N} p50 ${percentile(samples, 50).toFixed(1)} ms  p95 ${percentile(samples, 95).toFixed(1)} ms`);
}

let system: System | undefined;
try {
  cpuPerQuote();
  let api: Api;
  if (values.url) api = createApi(values.url);
  else {
    system = await startSystem({ serverWorkerConcurrency: 2 });
    api = system.api;
  }
  await time('simulate loans (1 loan, 360 installments)', () => api.post('/v1/borrowers/loans/simulate', [{ loan: LOAN, request_id: 'bench' }]), 207);

  const borrower = `bench-sim-${randomBytes(3).toString('hex')}`;
  const wait = { prefer: 'wait=30' };
  const created = await api.post(`/v1/borrowers/${borrower}/loans/L1/create?is_migration=true`, { loan: LOAN, occurred_on: '2024-01-15T10:00:00-05:00' }, wait);
  if (created.status !== 200) throw new Error(JSON.stringify(created.body));
  for (let k = 0; k < 12; k++) {
    const day = `${2024 + Math.floor((k + 1) / 12)}-${String(((k + 1) % 12) + 1).padStart(2, '0')}-10`;
    const paid = await api.post(`/v1/borrowers/${borrower}/payments/P${k}/create?is_migration=true`, {
      payment: { amount_paid: 4_000_000, payment_date: `${day}T12:00:00-05:00` }, occurred_on: `${day}T12:00:00-05:00`,
    }, wait);
    if (paid.status !== 200) throw new Error(JSON.stringify(paid.body));
  }
  await time('simulate borrower (+1 payment, 1 waiver)', () => api.post(`/v1/borrowers/${borrower}/simulate`, {
    calculation_date: '2025-03-01',
    payments: [{ payment_id: 'PX', amount_paid: 5_000_000, payment_date: '2025-02-01T12:00:00-05:00' }],
    waivers: [{ loan_id: 'L1', waiver_id: 'WX', bucket: 'delinquency_interest', type: 'percentage', percentage: 1, effective_date: '2025-02-02T00:00:00-05:00' }],
  }), 200);
} finally {
  await system?.stop();
}

/**
 * Speed of `GET /v1/borrowers/{id}/get_status` (target: p95 under 50 ms, docs/reads.md "Speed and caching").
 *
 *   node --conditions=source --import tsx scripts/bench-status.ts [--requests 300] [--url http://127.0.0.1:3000]
 *
 * Builds one borrower with 10 loans of 24 monthly installments and 200 payments through the
 * real system (HTTP intake → queue → worker → Postgres; migrations dated in the past with
 * `is_migration=true`), then times N sequential status reads over HTTP, one connection,
 * after a short warm-up. Without `--url` it starts the whole system on a fresh database
 * (test/helpers.ts `startSystem`) and stops it afterwards; with `--url` it uses a running one
 * (a fresh borrower id each run). Three reads are timed:
 *   - today (the default calculation date: the live state advanced to today);
 *   - the day after the last operation;
 *   - a day in the middle of the history (replayed from the nearest snapshot).
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { createApi, startSystem, type Api, type System } from '../test/helpers.js';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '300' },
    warmup: { type: 'string', default: '30' },
    /** Reads timed right after a write (a 1.00 payment), when no cache can help. */
    cold: { type: 'string', default: '30' },
    url: { type: 'string' },
    loans: { type: 'string', default: '10' },
    installments: { type: 'string', default: '24' },
    payments: { type: 'string', default: '200' },
    /** Writes the borrower's stored ledger row ({applied_seq, state}) to this file, for profiling. */
    dump: { type: 'string' },
  },
});
const N = Number(values.requests);
const WARMUP = Number(values.warmup);
const LOANS = Number(values.loans);
const INSTALLMENTS = Number(values.installments);
const PAYMENTS = Number(values.payments);

const MIG = '?is_migration=true';
const START = Date.UTC(2023, 0, 2);
const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const at = (day: string, time = '10:00:00') => `${day}T${time}-05:00`;

function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1 + months, Math.min(d, 28)));
  return iso(date.getTime());
}

async function build(api: Api, borrower: string): Promise<{ lastDay: string; middleDay: string }> {
  type Op = { day: string; path: string; body: unknown };
  const ops: Op[] = [];
  for (let l = 0; l < LOANS; l++) {
    // Loans originated a week apart, so their due days interleave.
    const origination = iso(START + l * 7 * DAY_MS);
    ops.push({
      day: origination,
      path: `/v1/borrowers/${borrower}/loans/L${l + 1}/create${MIG}`,
      body: {
        loan: {
          amount_financed: 1_000_000 + l * 100_000,
          config_id: 'DEFAULT',
          daily_fee_charge: null,
          delinquency_interest_rate: 0.3848,
          due_dates: Array.from({ length: INSTALLMENTS }, (_, i) => at(addMonths(origination, i + 1), '23:59:59.999999')),
          guarantee_provider: 'FGA',
          installment_fee_2_charge: null,
          installment_fee_charge: 24_000,
          interest_rate: 0.3,
          origination_date: at(origination, '00:00:00'),
          owner: 'BANK_1',
        },
        occurred_on: at(origination),
        request_id: `create-${l + 1}`,
      },
    });
  }
  // 200 payments over the 24 months, each a little under what falls due in its share of the
  // period, so installments go overdue, accrue and are caught up: a busy, realistic state.
  const span = 24 * 30;
  for (let p = 0; p < PAYMENTS; p++) {
    const day = iso(START + 10 * DAY_MS + Math.floor(((p + 1) * span) / PAYMENTS) * DAY_MS);
    ops.push({
      day,
      path: `/v1/borrowers/${borrower}/payments/P${p + 1}/create${MIG}`,
      body: {
        payment: { amount_paid: 48_000 + (p % 7) * 1_000, config_id: null, payment_date: at(day, '12:00:00') },
        payment_allocations: null,
        occurred_on: at(day, '12:00:00'),
        request_id: `pay-${p + 1}`,
      },
    });
  }
  ops.sort((a, b) => a.day.localeCompare(b.day));
  const started = performance.now();
  let last: string | undefined;
  for (const op of ops) {
    const res = await api.post(op.path, op.body);
    if (res.status !== 202) throw new Error(`${op.path}: ${res.status} ${JSON.stringify(res.body)}`);
    last = res.body.operation_id;
  }
  const result = await api.waitForOperation(last!, 300_000);
  if (result.status !== 'succeeded') throw new Error(`last operation ${result.status}: ${JSON.stringify(result.result)}`);
  const failed = await countFailed(api, borrower);
  console.log(`built ${borrower}: ${ops.length} operations in ${((performance.now() - started) / 1000).toFixed(1)} s${failed ? ` (${failed} payments not in status)` : ''}`);
  return { lastDay: ops.at(-1)!.day, middleDay: ops[Math.floor(ops.length / 2)]!.day };
}

async function countFailed(api: Api, borrower: string): Promise<number> {
  const res = await api.get(`/v1/borrowers/${borrower}/get_status`);
  if (res.status !== 200) throw new Error(`status ${res.status}`);
  const loans = res.body.loans.length;
  if (loans !== LOANS) throw new Error(`expected ${LOANS} loans, status has ${loans}`);
  const payments = res.body.payments.filter((p: any) => p.type === 'payment').length;
  return PAYMENTS - payments;
}

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

async function time(api: Api, label: string, path: string): Promise<void> {
  let bytes = 0;
  for (let i = 0; i < WARMUP; i++) {
    const res = await api.get(path);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  const samples: number[] = [];
  for (let i = 0; i < N; i++) {
    const t0 = performance.now();
    const res = await fetch(`${baseUrl}${path}`, { headers: authHeaders });
    const text = await res.text();
    samples.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    bytes = text.length;
  }
  samples.sort((a, b) => a - b);
  const f = (x: number) => x.toFixed(1).padStart(7);
  console.log(`${label.padEnd(34)} n=${N} p50 ${f(percentile(samples, 50))} ms  p95 ${f(percentile(samples, 95))} ms  p99 ${f(percentile(samples, 99))} ms  max ${f(samples.at(-1)!)} ms  (${(bytes / 1024).toFixed(0)} KiB)`);
}

/** The first read after each change of the borrower: state fetched, deserialized, status computed. */
async function timeCold(api: Api, borrower: string, firstDay: string): Promise<void> {
  const n = Number(values.cold);
  if (n <= 0) return;
  const samples: number[] = [];
  const start = Date.parse(`${firstDay}T00:00:00Z`);
  for (let i = 0; i < n; i++) {
    const day = iso(start + i * DAY_MS);
    const res = await api.post(`/v1/borrowers/${borrower}/payments/COLD${i}/create${MIG}`, {
      payment: { amount_paid: 1, config_id: null, payment_date: at(day, '12:00:00') },
      payment_allocations: null,
      occurred_on: at(day, '12:00:00'),
      request_id: `cold-${i}`,
    }, { prefer: 'wait=30' });
    if (res.status !== 200) throw new Error(`cold payment: ${res.status} ${JSON.stringify(res.body)}`);
    const t0 = performance.now();
    const read = await fetch(`${baseUrl}/v1/borrowers/${borrower}/get_status`, { headers: authHeaders });
    await read.text();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const f = (x: number) => x.toFixed(1).padStart(7);
  console.log(`${'get_status (first read after a write)'.padEnd(34)} n=${n} p50 ${f(percentile(samples, 50))} ms  p95 ${f(percentile(samples, 95))} ms  p99 ${f(percentile(samples, 99))} ms  max ${f(samples.at(-1)!)} ms`);
}

let baseUrl: string;
let system: System | undefined;
/** With --url, the key is API_KEY of the environment (the server's keys are its own). */
let authHeaders: Record<string, string> = {};
try {
  if (values.url) {
    baseUrl = values.url;
  } else {
    system = await startSystem({ serverWorkerConcurrency: 2 });
    baseUrl = system.baseUrl;
  }
  const apiKey = system ? system.apiKey : (process.env.API_KEY ?? null);
  if (apiKey) authHeaders = { authorization: `Bearer ${apiKey}` };
  const api = createApi(baseUrl, apiKey);
  const borrower = `BENCH-${randomBytes(3).toString('hex')}`;
  const { lastDay, middleDay } = await build(api, borrower);
  if (values.dump) {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: system?.databaseUrl ?? process.env.DATABASE_URL });
    await client.connect();
    const { rows } = await client.query('select applied_seq, state from borrower_ledgers where borrower_id = $1', [borrower]);
    await client.end();
    const { writeFile } = await import('node:fs/promises');
    await writeFile(values.dump, JSON.stringify({ borrower, lastDay, middleDay, ...rows[0] }));
    console.log(`stored state written to ${values.dump}`);
  }
  const next = iso(Date.parse(`${lastDay}T00:00:00Z`) + DAY_MS);
  console.log(`borrower ${borrower}: ${LOANS} loans × ${INSTALLMENTS} installments, ${PAYMENTS} payments; last operation ${lastDay}`);
  await time(api, 'get_status (today)', `/v1/borrowers/${borrower}/get_status`);
  await time(api, `get_status (${next}, after the last op)`, `/v1/borrowers/${borrower}/get_status?calculation_date=${next}`);
  await time(api, `get_status (${middleDay}, mid-history)`, `/v1/borrowers/${borrower}/get_status?calculation_date=${middleDay}`);
  await timeCold(api, borrower, next);
  await time(api, 'get_history (limit 100)', `/v1/borrowers/${borrower}/get_history?limit=100`);
} finally {
  await system?.stop();
}

/**
 * One borrower, payments applied one at a time through the real system (server with one
 * worker slot, `Prefer: wait`): does applying one more operation cost more as the
 * borrower's history grows? Prints, per phase of 200 operations, the round trip per
 * operation and what the borrower's ledger occupies in Postgres (the `borrower_ledgers`
 * row's state plus its `ledger_items` rows, when that table exists), and the bytes written
 * for the phase's last operation.
 *
 *   node --conditions=source --import tsx scripts/bench-one-borrower.ts [phases=5]
 */
import pg from 'pg';
import { createLoanBody, startSystem } from '../test/helpers.js';

const PHASES = Number(process.argv[2] ?? 5);
const BORROWER = 'HEAVY';
const system = await startSystem({ serverWorkerConcurrency: 1, workers: 0, partitions: 2 });
const client = new pg.Client({ connectionString: system.databaseUrl });
await client.connect();

async function stored(): Promise<{ head: number; items: number; count: number }> {
  const head = await client.query('select length(state::text)::int as n from borrower_ledgers where borrower_id = $1', [BORROWER]);
  const hasItems = (await client.query("select to_regclass('ledger_items') is not null as t")).rows[0].t as boolean;
  const items = hasItems
    ? (await client.query('select coalesce(sum(length(item::text)), 0)::int as n, count(*)::int as c from ledger_items where borrower_id = $1', [BORROWER])).rows[0]
    : { n: 0, c: 0 };
  return { head: head.rows[0]?.n ?? 0, items: items.n, count: items.c };
}

async function pay(k: number): Promise<void> {
  const r = await system.api.post(
    `/v1/borrowers/${BORROWER}/payments/P${k}/create?is_migration=true`,
    { payment: { amount_paid: 10, config_id: null, payment_date: '2024-02-01T12:00:00-05:00' }, payment_allocations: null, occurred_on: '2024-02-01T12:00:00-05:00', request_id: `p${k}` },
    { prefer: 'wait=10' },
  );
  if (r.status !== 200) throw new Error(JSON.stringify(r.body));
}

try {
  const created = await system.api.post(`/v1/borrowers/${BORROWER}/loans/L1/create?is_migration=true`, createLoanBody({}, { amount_financed: 100000000 }), { prefer: 'wait=10' });
  if (created.status !== 200) throw new Error(JSON.stringify(created.body));
  let k = 0;
  for (let phase = 0; phase < PHASES; phase++) {
    const t0 = performance.now();
    for (let i = 0; i < 200; i++) await pay(++k);
    const dt = performance.now() - t0;
    const before = await stored();
    await pay(++k);
    const after = await stored();
    const s = after;
    const written = after.head + Math.max(0, after.items - before.items);
    console.log(
      `ops ${k - 200}..${k - 1}: ${(dt / 200).toFixed(1)} ms per op (round trip, Prefer: wait); ` +
        `stored ${((s.head + s.items) / 1024).toFixed(0)} KiB (head ${(s.head / 1024).toFixed(1)} KiB, ${s.count} items ${(s.items / 1024).toFixed(0)} KiB); ` +
        `written by one more op ≈ ${(written / 1024).toFixed(1)} KiB`,
    );
  }
} finally {
  await client.end();
  await system.stop();
}

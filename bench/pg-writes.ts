// (i) What the database spends on the writes of one operation's life, with the schema before and
// after a storage migration, on the same Postgres in the same run: two databases, one at the
// latest schema, one with `0009-ledger-storage` rolled back; the same statements on each,
// alternating: operations recorded in groups (`insertOperationsWithSeq`), their results
// recorded (`completeOperations`), each borrower's ~2 KB head saved (`saveBorrowerLedgerDeltas`,
// 200 borrowers, so heads are updated). Postgres CPU (the session's backend, from /proc) per
// operation and the HOT share per table: figures that depend far less on how busy the machine
// is than throughput does (docs/performance.md "Postgres writes per operation").
//   node --conditions=source --import tsx bench/pg-writes.ts [operations=20000] [rounds=4]
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { completeOperations, createDb, insertOperationsWithSeq, saveBorrowerLedgerDeltas, type AcceptOperationInput, type Database } from '@lsl/db';
import { createTestDatabase } from '@lsl/db/testing';
import * as storage from '../packages/db/src/migrations/0009-ledger-storage.js';
import { cpuSeconds, round } from './stats.js';

const GROUP = 100;

async function backendPid(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db);
  return rows[0]!.pid;
}

async function workload(db: Kysely<Database>, operations: number, tag: string): Promise<number> {
  const pid = await backendPid(db);
  const before = cpuSeconds(pid);
  const resultBody = JSON.stringify({ id: 'P1', kordev_id: 3, payment: { amount_paid: '1000.00', payment_date: '2024-02-10T12:00:00-05:00' }, allocations: Array.from({ length: 6 }, (_, i) => ({ loan_id: 'L1', bucket: `b${i}`, amount: '123.45' })) });
  const head = { summary: 'x'.repeat(1900), n: 0 };
  for (let done = 0; done < operations; done += GROUP) {
    const inputs: AcceptOperationInput[] = Array.from({ length: GROUP }, (_, k) => ({
      id: randomUUID(),
      borrower_id: `${tag}-${(done + k) % 200}`,
      type: 'create_payment',
      natural_key: `P${done + k}`,
      request_hash: 'h',
      idempotency_key: null,
      params: { borrower_id: `${tag}-${(done + k) % 200}`, payment_id: `P${done + k}` },
      body: { payment: { amount_paid: 1000, config_id: null, payment_date: '2024-02-10T12:00:00-05:00' }, payment_allocations: null, occurred_on: '2024-02-10T12:00:00-05:00', request_id: `r${done + k}` },
      is_migration: true,
      recorded_at: new Date(),
      request_id: `r${done + k}`,
      configs: {},
      batch_id: null,
      batch_index: null,
      accepted_at: new Date(),
    }));
    await insertOperationsWithSeq(db, inputs);
    await db.transaction().execute(async (trx) => {
      await completeOperations(trx, inputs.map((i) => ({ id: i.id, status: 'succeeded' as const, statusCode: 200, body: JSON.parse(resultBody) as unknown })));
      await saveBorrowerLedgerDeltas(trx, [...new Set(inputs.map((i) => i.borrower_id))].map((borrowerId) => ({ borrowerId, appliedSeq: 1, delta: { head: { ...head, n: done }, lists: {} } })));
    });
  }
  return cpuSeconds(pid) - before;
}

async function hot(db: Kysely<Database>): Promise<Record<string, string>> {
  await new Promise((r) => setTimeout(r, 1500));
  const { rows } = await sql<{ relname: string; n: number; hot: number }>`select relname, n_tup_upd::int as n, n_tup_hot_upd::int as hot from pg_stat_user_tables where n_tup_upd > 0`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.relname, `${Math.round((100 * r.hot) / r.n)} % of ${r.n}`]));
}

const operations = Number(process.argv[2] ?? 20000);
const rounds = Number(process.argv[3] ?? 4);
// before: the storage migration rolled back; after: the schema now.
const variants = ['before', 'after'] as const;
const databases = await Promise.all(variants.map(() => createTestDatabase()));
const dbs = databases.map((d) => createDb({ connectionString: d.url, max: 1 }));
try {
  await storage.down(dbs[0]!);
  const cpu: Record<string, number[]> = Object.fromEntries(variants.map((v) => [v, []]));
  for (let r = 0; r < rounds; r++) {
    for (const [i, v] of variants.entries()) cpu[v]!.push(await workload(dbs[i]!, operations / rounds, `r${r}`));
  }
  const perOp = (s: number[]) => round((s.reduce((a, b) => a + b, 0) * 1000) / operations, 3);
  const hots = await Promise.all(dbs.map((db) => hot(db)));
  console.log(JSON.stringify({ operations, rounds, postgresCpuMsPerOperation: Object.fromEntries(variants.map((v) => [v, perOp(cpu[v]!)])), perRound: cpu, hot: Object.fromEntries(variants.map((v, i) => [v, hots[i]])) }, null, 2));
} finally {
  for (const db of dbs) await db.destroy();
  for (const d of databases) await d.drop();
}

// (k) An apply transaction's writes after the ledger has run: the five statements one after
// another (results, events, states, portfolio rows, notification) against the same writes in
// one statement (`commitAppliedBatch`), on one database, alternating rounds. Per operation: the
// Postgres backend's CPU (from /proc) and this process's (building, sending and parsing the
// statements), which depend far less on how busy the machine is than throughput does
// (docs/performance.md "One statement for an apply's writes").
//   node --conditions=source --import tsx bench/apply-commit.ts [transactions=600] [borrowers=4] [opsEach=2] [rounds=6]
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import {
  commitAppliedBatch,
  completeOperations,
  createDb,
  insertEvents,
  insertOperationsWithSeq,
  notifyApplied,
  saveBorrowerLedgerDeltas,
  upsertPortfolioLoans,
  type AcceptOperationInput,
  type AppliedBatchWrites,
  type Database,
} from '@lsl/db';
import { createTestDatabase } from '@lsl/db/testing';
import { cpuSeconds, round } from './stats.js';

const [transactions = 600, borrowers = 4, opsEach = 2, rounds = 6] = process.argv.slice(2).map(Number);

async function backendPid(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db);
  return rows[0]!.pid;
}

const resultBody = { id: 'P1', kordev_id: 3, payment: { amount_paid: '1000.00', payment_date: '2024-02-10T12:00:00-05:00' }, allocations: Array.from({ length: 6 }, (_, i) => ({ loan_id: 'L1', bucket: `b${i}`, amount: '123.45' })) };
const logItem = { seq: 1, operation: { type: 'create_payment', params: { payment_id: 'P1' }, body: { payment: { amount_paid: '1000.00' } } }, result: resultBody, x: 'y'.repeat(400) };

function writesOf(tag: string, t: number, ids: string[][]): AppliedBatchWrites {
  const completedAt = new Date();
  const results = ids.flat().map((id) => ({ id, status: 'succeeded' as const, statusCode: 200, body: resultBody }));
  const events = ids.flatMap((ops, b) =>
    ops.flatMap((id) => [
      { type: 'payment.applied', borrower_id: `${tag}-${b}`, operation_id: id, loan_id: 'L1', effective_date: '2024-02-10', occurred_on: completedAt, payload: { loan_id: 'L1', amount: '1000.00', allocations: resultBody.allocations } },
      { type: 'operation.succeeded', borrower_id: `${tag}-${b}`, operation_id: id, batch_id: null, occurred_on: completedAt, payload: { id, status: 'succeeded', result: { status_code: 200, body: resultBody } } },
    ]),
  );
  const saves = ids.map((ops, b) => ({
    borrowerId: `${tag}-${b}`,
    appliedSeq: (t + 1) * opsEach,
    delta: { head: { summary: 'x'.repeat(1500), t }, lists: { log: { keep: t * opsEach, append: ops.map(() => logItem) }, history: { keep: t * opsEach, append: ops.map(() => ({ t, kind: 'payment' })) } } },
  }));
  const portfolio = ids.map((_, b) => ({
    borrower_id: `${tag}-${b}`, loan_id: 'L1', owner: null, as_of: '2024-02-10', oldest_owing_due: '2024-03-10', is_open: true, bucket: 'CURRENT',
    buckets: [{ code: 'CURRENT', min_days: 0, max_days: 0 }, { code: '1-30', min_days: 1, max_days: 30 }, { code: '31+', min_days: 31, max_days: null }],
    owing_due_dates: ['2024-03-10', '2024-04-10'], owing_amounts: ['100.00', '100.00'], outstanding_principal: '1000.00', full_payment_amount: '1010.00',
    origination_date: '2024-01-10', paid_off_date: null, is_cancelled: false, chargeoff_date: null,
  }));
  return { results, completedAt, events, saves, portfolio } as unknown as AppliedBatchWrites;
}

async function separate(trx: Transaction<Database>, w: AppliedBatchWrites): Promise<void> {
  await completeOperations(trx, w.results, w.completedAt);
  await insertEvents(trx, w.events);
  await saveBorrowerLedgerDeltas(trx, w.saves);
  await upsertPortfolioLoans(trx, w.portfolio as never);
  await notifyApplied(trx, w.saves.map((s) => s.borrowerId));
}

const variants = { separate, one: (trx: Transaction<Database>, w: AppliedBatchWrites) => commitAppliedBatch(trx, w).then(() => {}) };
const database = await createTestDatabase();
const db = createDb({ connectionString: database.url, max: 1 });
try {
  const pid = await backendPid(db);
  const cpu: Record<string, { pg: number; client: number }> = { separate: { pg: 0, client: 0 }, one: { pg: 0, client: 0 } };
  const perRound = transactions / rounds;
  for (let r = 0; r < rounds; r++) {
    for (const [name, write] of Object.entries(variants)) {
      const tag = `${name}-${r}`;
      // The operations, recorded first (not measured): the results update them.
      const ids = Array.from({ length: perRound }, () => Array.from({ length: borrowers }, () => Array.from({ length: opsEach }, () => randomUUID())));
      const inputs: AcceptOperationInput[] = ids.flatMap((batch) => batch.flatMap((ops, b) => ops.map((id, k) => ({
        id, borrower_id: `${tag}-${b}`, type: 'create_payment', natural_key: id, request_hash: 'h', idempotency_key: null,
        params: { borrower_id: `${tag}-${b}`, payment_id: `P${k}` }, body: {}, is_migration: true, recorded_at: new Date(), request_id: `r${k}`,
        configs: {}, batch_id: null, batch_index: null, accepted_at: new Date(),
      }))));
      for (let i = 0; i < inputs.length; i += 200) await insertOperationsWithSeq(db, inputs.slice(i, i + 200));
      const pg0 = cpuSeconds(pid);
      const c0 = process.cpuUsage();
      for (let t = 0; t < perRound; t++) {
        const w = writesOf(tag, t, ids[t]!);
        await db.transaction().execute((trx) => write(trx, w));
      }
      const c1 = process.cpuUsage(c0);
      cpu[name]!.pg += cpuSeconds(pid) - pg0;
      cpu[name]!.client += (c1.user + c1.system) / 1e6;
    }
  }
  const ops = transactions * borrowers * opsEach;
  const ms = (s: number) => round((s * 1000) / ops, 3);
  console.log(JSON.stringify({ transactions, borrowers, opsEach, rounds, cpuMsPerOperation: Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, { postgres: ms(v.pg), client: ms(v.client) }])) }, null, 2));
} finally {
  await db.destroy();
  await database.drop();
}

// Pipeline benchmark: intake latency and throughput, and end-to-end apply throughput, against
// the real system (server + worker processes, Postgres, Redis). Prints figures; asserts nothing.
//   node --conditions=source --import tsx scripts/bench-pipeline.ts [borrowers] [paymentsEach] [workers]
import pg from 'pg';
import { createLoanBody, paymentBody, startSystem } from '../test/helpers.js';

const borrowers = Number(process.argv[2] ?? 100);
const paymentsEach = Number(process.argv[3] ?? 20);
const workers = Number(process.argv[4] ?? 2);
const clients = 32;

const system = await startSystem({ serverWorkerConcurrency: 0, workers, partitions: 8 });
try {
  const jobs: Array<{ path: string; body: unknown }> = [];
  for (let b = 0; b < borrowers; b++) {
    jobs.push({ path: `/v1/borrowers/BB${b}/loans/L1/create?is_migration=true`, body: createLoanBody() });
  }
  for (let k = 1; k <= paymentsEach; k++) {
    for (let b = 0; b < borrowers; b++) {
      jobs.push({
        path: `/v1/borrowers/BB${b}/payments/P${k}/create?is_migration=true`,
        body: paymentBody(1000, '2024-02-01', `p${k}`),
      });
    }
  }
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < jobs.length) {
        const job = jobs[next++]!;
        const t0 = performance.now();
        const res = await system.api.post(job.path, job.body);
        latencies.push(performance.now() - t0);
        if (res.status !== 202) throw new Error(`unexpected ${res.status}: ${JSON.stringify(res.body)}`);
      }
    }),
  );
  const accepted = performance.now();
  const client = new pg.Client({ connectionString: system.databaseUrl });
  await client.connect();
  for (;;) {
    const { rows } = await client.query("select count(*)::int as n from operations where status in ('queued','processing')");
    if (rows[0].n === 0) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const applied = performance.now();
  const { rows } = await client.query("select status, count(*)::int as n from operations group by status");
  await client.end();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(1);
  console.log(`operations: ${jobs.length} (${borrowers} borrowers × ${paymentsEach + 1}), ${clients} concurrent clients, ${workers} worker processes`);
  console.log(`intake: ${(jobs.length / ((accepted - started) / 1000)).toFixed(0)} ops/s accepted; latency p50 ${pct(50)} ms, p95 ${pct(95)} ms, p99 ${pct(99)} ms`);
  console.log(`end to end: all applied ${((applied - started) / 1000).toFixed(2)} s after the first request → ${(jobs.length / ((applied - started) / 1000)).toFixed(0)} ops/s`);
  console.log(`statuses: ${rows.map((r) => `${r.status}=${r.n}`).join(', ')}`);
} finally {
  await system.stop();
}

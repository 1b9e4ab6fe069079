// `npm run bench`: every throughput figure in one run, side by side (docs/performance.md).
//   npm run bench -- [--quick] [--borrowers=1000] [--payments=4] [--workers=2] [--clients=32]
//                    [--partitions=8] [--rates=300,1000] [--seconds=10] [--migration-borrowers=1000]
//                    [--bulk-borrowers=1000] (or BENCH_BULK_BORROWERS; 10000 is the full migration)
//                    [--backends=redis,postgres] [--only=floor,pipeline,intake,history,migration,bulk,portfolio]
//                    [--portfolio-loans=100000]
//                    [--out=bench/results/latest.json]
// Prints a table (with the pipeline / floor ratio) and writes the figures as JSON. Sizes are
// flags; the default finishes in a few minutes on 2 cores. Figures, not assertions.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { runFloor } from './floor.js';
import { runBulk } from './bulk.js';
import { runHistory } from './history.js';
import { runMigration } from './migration.js';
import { runOpenLoop } from './open-loop.js';
import { runPortfolio } from './portfolio.js';
import { BACKENDS, pipelineRows, printRows, runPipelines } from './pipeline.js';
import { round } from './stats.js';

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    borrowers: { type: 'string' },
    payments: { type: 'string' },
    workers: { type: 'string', default: '2' },
    clients: { type: 'string', default: '32' },
    partitions: { type: 'string', default: '8' },
    rates: { type: 'string', default: '300,1000' },
    seconds: { type: 'string' },
    'migration-borrowers': { type: 'string' },
    'bulk-borrowers': { type: 'string' },
    'portfolio-loans': { type: 'string' },
    'floor-concurrency': { type: 'string', default: '16' },
    backends: { type: 'string' },
    only: { type: 'string' },
    out: { type: 'string', default: 'bench/results/latest.json' },
  },
});
const quick = flags.quick;
const num = (v: string | undefined, fallback: number) => (v === undefined ? fallback : Number(v));
const borrowers = num(flags.borrowers, quick ? 200 : 1000);
const payments = num(flags.payments, quick ? 2 : 4);
const workers = num(flags.workers, 2);
const clients = num(flags.clients, 32);
const partitions = num(flags.partitions, 8);
const seconds = num(flags.seconds, quick ? 4 : 10);
const migrationBorrowers = num(flags['migration-borrowers'], quick ? 100 : 1000);
const bulkBorrowers = num(flags['bulk-borrowers'] ?? process.env.BENCH_BULK_BORROWERS, quick ? 200 : 1000);
const rates = flags.rates!.split(',').map(Number);
const only = new Set((flags.only ?? 'floor,pipeline,intake,history,migration,bulk,portfolio').split(','));
const portfolioLoans = num(flags['portfolio-loans'], quick ? 10_000 : 100_000);
const backends = flags.backends?.split(',') ?? Object.keys(BACKENDS);
const mixOps = borrowers * (payments + 2);

const log = (message: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
const results: Record<string, unknown> = {
  machine: { cpus: cpus().length, model: cpus()[0]?.model, loadavgAtStart: loadavg().map((l) => round(l, 2)) },
  sizes: { borrowers, payments, mixOps, workers, clients, partitions, rates, seconds, migrationBorrowers, bulkBorrowers },
  startedAt: new Date().toISOString(),
};

if (only.has('floor')) {
  log(`(a) floor: ${mixOps} BullMQ jobs, one Postgres commit each`);
  results.floor = await runFloor({ jobs: mixOps, concurrency: num(flags['floor-concurrency'], 16) });
}
if (only.has('pipeline')) {
  results.pipeline = await runPipelines({ borrowers, paymentsEach: payments, workers, clients, partitions }, backends, log);
}
if (only.has('intake')) {
  log(`(c) intake open loop at ${rates.join(', ')} req/s for ${seconds} s each, after 3 s at 100 req/s not measured (warm-up); (f) Redis memory`);
  const { rates: intake, redis } = await runOpenLoop({ rates, seconds, borrowers: 1000, partitions });
  results.intake = intake;
  results.redisMemory = redis;
}
if (only.has('history')) {
  log('(d) ledger apply at 10 vs 1,000 prior operations');
  results.history = runHistory();
}
if (only.has('migration')) {
  log(`(e) migration: ${migrationBorrowers} borrowers × (loan + 12 back-dated payments)`);
  results.migration = await runMigration({ borrowers: migrationBorrowers, workers, clients, partitions });
}
if (only.has('bulk')) {
  log(`(h) migration through the bulk route: ${bulkBorrowers} borrowers × (loan + 12 back-dated payments), batches of ≤ 1,000 items, each borrower's 13 operations together`);
  results.bulk = await runBulk({ borrowers: bulkBorrowers, workers, partitions });
}
if (only.has('portfolio')) {
  log(`(j) portfolio: close of business and get_summary over ${portfolioLoans} open loans; the read model's cost per applied borrower`);
  results.portfolio = await runPortfolio({ loans: portfolioLoans }, log);
}
results.finishedAt = new Date().toISOString();
(results.machine as Record<string, unknown>).loadavgAtEnd = loadavg().map((l) => round(l, 2));

mkdirSync(dirname(flags.out!), { recursive: true });
writeFileSync(flags.out!, JSON.stringify(results, null, 2));
printTable(results);
log(`figures written to ${flags.out}`);

function printTable(r: Record<string, any>): void {
  const rows: Array<[string, string, string]> = [];
  const floor = r.floor?.jobsPerSecond as number | undefined;
  if (r.floor) rows.push(['(a) floor: BullMQ + 1 commit/job', `${r.floor.jobsPerSecond} jobs/s`, `concurrency ${r.floor.concurrency}`]);
  rows.push(...pipelineRows(r.pipeline ?? {}, floor));
  for (const i of r.intake ?? []) rows.push([`(c) intake open loop ${i.rate} req/s`, `p50 ${i.p50} ms, p99 ${i.p99} ms`, `${i.accepted}/${i.sent} accepted, max ${i.max} ms, server CPU ${i.serverCpuMsPerRequest} ms/request`]);
  if (r.redisMemory) rows.push(['(f) Redis per queued operation', `${r.redisMemory.bytesPerOperation} B`, `${r.redisMemory.queuedOperations} ops, ${r.redisMemory.borrowers} borrowers, ${r.redisMemory.bytes} B`]);
  if (r.history) rows.push(['(d) apply 10 vs 1,000 prior ops', `${r.history.prior10OpsPerSecond} vs ${r.history.prior1000OpsPerSecond} ops/s`, `ratio ${r.history.ratio}`]);
  if (r.migration) rows.push(['(e) migration applied', `${r.migration.opsPerSecond} ops/s`, `${r.migration.operations} ops, ${r.migration.borrowers} borrowers, intake ${r.migration.acceptedPerSecond} req/s`]);
  if (r.bulk) {
    const ratio = floor ? ` (${(r.bulk.opsPerSecond / floor).toFixed(2)} × floor)` : '';
    rows.push(['(h) bulk route: accepted', `${r.bulk.acceptedPerSecond} ops/s`, `${r.bulk.accepted} ops in ${r.bulk.batches} batches, ${r.bulk.borrowers} borrowers`]);
    rows.push(['    bulk route: applied', `${r.bulk.opsPerSecond} ops/s${ratio}`, `CPU ms per op: server ${r.bulk.cpuMsPerOperation.server}, workers ${r.bulk.cpuMsPerOperation.workers}, postgres ${r.bulk.cpuMsPerOperation.postgres}`]);
  }
  if (r.portfolio) {
    const p = r.portfolio;
    rows.push([`(j) close of business, ${p.loans} open loans`, `${p.closeSeconds} s (target ≤ 120 s)`, `${p.closeLoansChanged} loans changed bucket, one event each`]);
    rows.push([`(j) get_summary page of 100, ${p.loans} loans`, `p99 ${p.summaryP99Ms} ms (target ≤ 50 ms)`, `p50 ${p.summaryP50Ms} ms over ${p.summaryPages} pages, 5 filters`]);
    for (const [filter, f] of Object.entries(p.summaryByFilter as Record<string, { p50: number; p99: number; max: number }>)) rows.push([`(j)   filter ${filter}`, `p99 ${f.p99} ms`, `p50 ${f.p50} ms, max ${f.max} ms`]);
    rows.push(['(j) read model per applied borrower', `${p.readModelMsPerBorrower} ms`, `evaluate ${p.readModelEvaluateMsPerBorrower} ms + write ${p.readModelWriteMsPerBorrower} ms (batches of 64); ledger apply ${p.applyMsPerOperation} ms/op`]);
  }
  console.log(`\nmachine: ${r.machine.cpus} cores, load average ${r.machine.loadavgAtStart.join(' ')} → ${r.machine.loadavgAtEnd.join(' ')} (shared: compare ratios, not absolutes)`);
  printRows(rows);
}

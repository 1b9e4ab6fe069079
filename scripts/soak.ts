// The soak version of the SIGKILL fault test (test/fault-sigkill.test.ts), at full size: 5,000 operations over 200
// borrowers (a create loan then 24 payments each, every one with its own natural key), four
// worker processes, one killed with SIGKILL every few seconds and replaced while the load runs
// and while the backlog drains; then the verdict from Postgres and the figures.
//
//   node scripts/soak.mjs            (SOAK_BORROWERS, SOAK_OPS_PER_BORROWER, SOAK_KILL_EVERY_MS,
//                                     SOAK_CONCURRENCY override the defaults)
//
// Needs the same Postgres and Redis as `npm test` (TEST_DATABASE_URL, REDIS_URL).
import type { ChildProcess } from 'node:child_process';
import { startSystem } from '../test/helpers.js';
import { planLoad, runLoad, sigkillLoop, totalOps, verifyLedger, waitForAllApplied } from '../test/fault-helpers.js';

const BORROWERS = Number(process.env.SOAK_BORROWERS ?? 200);
const OPS_PER_BORROWER = Number(process.env.SOAK_OPS_PER_BORROWER ?? 25);
const KILL_EVERY_MS = Number(process.env.SOAK_KILL_EVERY_MS ?? 3000);
const CONCURRENCY = Number(process.env.SOAK_CONCURRENCY ?? 32);
const WORKERS = 4;
const PARTITIONS = 8;

const log = (message: string) => console.log(`[soak ${new Date().toISOString()}] ${message}`);

const system = await startSystem({ serverWorkerConcurrency: 0, workers: WORKERS, partitions: PARTITIONS, env: { DATABASE_POOL_SIZE: '8' } });
const starting: Array<Promise<ChildProcess>> = [];
let exitCode = 1;
try {
  const plan = planLoad('soak', BORROWERS, OPS_PER_BORROWER);
  const total = totalOps(plan);
  log(`${total} operations over ${BORROWERS} borrowers, ${WORKERS} worker processes, ${PARTITIONS} partitions, SIGKILL every ${KILL_EVERY_MS} ms`);
  const started = Date.now();
  let loadDone = false;
  let lastReport = 0;
  const load = runLoad(system.api, plan, {
    concurrency: CONCURRENCY,
    onAccepted: (n) => {
      if (n - lastReport >= 500) log(`${(lastReport = n)} accepted`);
    },
  }).finally(() => (loadDone = true));
  const chaos = sigkillLoop({
    system,
    everyMs: KILL_EVERY_MS,
    workers: WORKERS,
    done: () => loadDone,
    roundsAfter: 3,
    starting,
    onKill: ({ pid, held }) => log(`SIGKILL worker ${pid} holding ${held.length} job(s)`),
  });
  const result = await load;
  const loadMs = Date.now() - started;
  await waitForAllApplied(system.databaseUrl, total, 600_000);
  const appliedMs = Date.now() - started;
  const { kills, recoveries } = await chaos;
  await Promise.all(starting);
  const verdict = await verifyLedger(system.databaseUrl, plan, result.accepted);
  const sorted = [...recoveries].sort((a, b) => a - b);
  const pct = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! : 0);
  const figures = {
    operations: total,
    borrowers: BORROWERS,
    worker_processes: WORKERS,
    sigkills: kills,
    load_duration_s: +(loadMs / 1000).toFixed(1),
    duration_until_all_applied_s: +(appliedMs / 1000).toFixed(1),
    throughput_ops_per_s: +(total / (appliedMs / 1000)).toFixed(1),
    client_retries: result.retries,
    lost: verdict.lost,
    doubled: verdict.doubled,
    out_of_order: verdict.outOfOrder,
    operations_held_by_killed_workers: recoveries.length,
    recovery_ms_median: pct(0.5),
    recovery_ms_p95: pct(0.95),
    max_recovery_ms: sorted.length ? sorted[sorted.length - 1] : 0,
  };
  console.log(JSON.stringify(figures, null, 2));
  if (verdict.problems.length > 0) console.log('problems:\n' + verdict.problems.join('\n'));
  exitCode = verdict.problems.length === 0 && verdict.operations === total ? 0 : 1;
} catch (error) {
  console.error(error);
} finally {
  await Promise.allSettled(starting);
  await system.stop();
}
process.exit(exitCode);

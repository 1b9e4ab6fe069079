import { startSystem } from './helpers.js';
import { planLoad, runLoad, waitForAllApplied, totalOps } from './fault-helpers.js';
const workers = Number(process.argv[2] ?? 0);
const sys = await startSystem({ serverWorkerConcurrency: 0, workers, partitions: 4, env: { DATABASE_POOL_SIZE: '6' } });
try {
  const plan = planLoad('x', 40, 10);
  const t0 = Date.now();
  const r = await runLoad(sys.api, plan, { concurrency: Number(process.argv[3] ?? 24) });
  console.log('load', r.durationMs, 'ms', totalOps(plan) / (r.durationMs / 1000), 'ops/s');
  await waitForAllApplied(sys.databaseUrl, totalOps(plan), 120000);
  console.log('applied after', Date.now() - t0);
} finally { await sys.stop(); }

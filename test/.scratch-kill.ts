import { Redis } from 'ioredis';
import pg from 'pg';
import { REDIS_URL, startSystem, workerStartLogs } from './helpers.js';
import { jobsHeldBy, planLoad, runLoad, signalAndWait, sleep, totalOps, waitForAllApplied } from './fault-helpers.js';
const sys = await startSystem({ serverWorkerConcurrency: 0, workers: 4, partitions: 4, env: { DATABASE_POOL_SIZE: '6' } });
const redis = new Redis(REDIS_URL);
const db = new pg.Client({ connectionString: sys.databaseUrl }); await db.connect();
const t0 = Date.now();
const outs: string[] = [];
for (const w of sys.workers) w.stdout!.on('data', (d) => { for (const l of d.toString().split('\n')) if (l.includes('sweeper')) outs.push(`${Date.now() - t0} ${l}`); });
let done = false;
const plan = planLoad('k', 40, 20);
const load = runLoad(sys.api, plan, { concurrency: 24 }).finally(() => { done = true; console.log('load done', Date.now() - t0); });
const mon = (async () => { while (!done || true) { 
  let wait = 0, act = 0, del = 0;
  for (let p = 0; p < 4; p++) { const b = `${sys.prefix}:{p${p}}:ledger-p${p}`; wait += await redis.llen(`${b}:wait`); act += await redis.llen(`${b}:active`); del += await redis.zcard(`${b}:delayed`); }
  const { rows } = await db.query("select count(*) filter (where status='queued')::int q, count(*)::int n from operations");
  const live = sys.workers.filter((w) => w.exitCode === null && w.signalCode === null).length;
  console.log(`${Date.now() - t0} wait ${wait} active ${act} delayed ${del} pendingdb ${rows[0].q}/${rows[0].n} live ${live}`);
  if (done && rows[0].q === 0) break; await sleep(1000); } })();
let kills = 0;
while (!done) {
  await sleep(3000);
  const live = sys.workers.filter((w) => w.exitCode === null && w.signalCode === null);
  const v = live[kills % live.length]!;
  const held = await jobsHeldBy(REDIS_URL, sys.prefix, 4, workerStartLogs.get(v)?.workerIds ?? []);
  console.log(`${Date.now() - t0} KILL held ${held.map((h) => h.borrowerId + ':' + h.operationId.slice(0, 8)).join(',')}`);
  await signalAndWait(v, 'SIGKILL'); kills++;
  const t1 = Date.now(); sys.startWorker().then(() => console.log(`${Date.now() - t0} restarted in ${Date.now() - t1}`));
}
await load; await mon;
console.log(outs.join('\n'));
redis.disconnect(); await db.end(); await sys.stop();

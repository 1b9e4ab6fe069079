import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSystem, type System } from './helpers.js';
import { countApplied, planLoad, privateRedis, runLoad, sleep, totalOps, verifyLedger, waitFor, waitForAllApplied, type PrivateRedis } from './fault-helpers.js';

// Redis crashes (SIGKILL, no persistence) in the middle of a load and stays down for
// OUTAGE_MS, then comes back empty. Intake keeps answering 202 (the operations are in
// Postgres), workers wait, and once Redis is back the sweeper re-enqueues what is pending.
const OUTAGE_MS = Number(process.env.FAULT_REDIS_OUTAGE_MS ?? 30_000);

describe('fault: Redis restart during a load', () => {
  let redis: PrivateRedis;
  let system: System;
  before(async () => {
    redis = await privateRedis();
    system = await startSystem({ serverWorkerConcurrency: 1, workers: 2, partitions: 4, env: { REDIS_URL: redis.url, DATABASE_POOL_SIZE: '6' } });
  });
  after(async () => {
    await system?.stop();
    await redis?.stop();
  });

  it(`Redis down for ${OUTAGE_MS / 1000} s: intake still accepts, and everything is applied once Redis is back`, async (t) => {
    const plan = planLoad('restart', 30, 16);
    const total = totalOps(plan);
    const load = runLoad(system.api, plan, { concurrency: 16, ratePerSecond: 20 });

    await waitFor(async () => (await countApplied(system.databaseUrl)) >= total * 0.25, 120_000, () => 'load too slow');
    await redis.kill();
    const downAt = Date.now();
    const appliedAtCrash = await countApplied(system.databaseUrl);
    await sleep(OUTAGE_MS);
    await redis.start();
    const upAt = Date.now();
    const result = await load;
    await waitForAllApplied(system.databaseUrl, total, 120_000);
    const allAppliedAt = Date.now();
    const verdict = await verifyLedger(system.databaseUrl, plan, result.accepted);
    t.diagnostic(
      `operations ${total}, applied before the crash ${appliedAtCrash}, Redis down ${upAt - downAt} ms, load ${result.durationMs} ms, ` +
        `retries ${result.retries}, all applied ${allAppliedAt - upAt} ms after Redis came back, lost ${verdict.lost}, doubled ${verdict.doubled}`,
    );
    assert.deepEqual(verdict.problems, []);
    assert.equal(verdict.operations, total);
  });
});

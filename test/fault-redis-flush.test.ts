import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { startSystem, type System } from './helpers.js';
import { countApplied, signalAndWait, planLoad, privateRedis, runLoad, totalOps, verifyLedger, waitFor, waitForAllApplied, type PrivateRedis } from './fault-helpers.js';

// Redis FLUSHALL in the middle of a load: every job, waiting or active, is gone. Postgres
// still has every accepted operation; the sweeper finds the pending ones and enqueues them
// again. The flush goes to a Redis of this test's own, never to the shared one.
describe('fault: Redis FLUSHALL during a load', () => {
  let redis: PrivateRedis;
  let system: System;
  before(async () => {
    redis = await privateRedis();
    system = await startSystem({ serverWorkerConcurrency: 0, workers: 2, partitions: 4, env: { REDIS_URL: redis.url, DATABASE_POOL_SIZE: '6' } });
  });
  after(async () => {
    await system?.stop();
    await redis?.stop();
  });

  it('applies every accepted operation exactly once, in order', async (t) => {
    const plan = planLoad('flush', 30, 20);
    const total = totalOps(plan);
    const load = runLoad(system.api, plan, { concurrency: 16, ratePerSecond: 40 });

    // Flush twice, with jobs in flight, once early and once late in the load.
    const client = new Redis(redis.url);
    let flushes = 0;
    try {
      for (const share of [0.3, 0.7]) {
        await waitFor(async () => (await countApplied(system.databaseUrl)) >= total * share, 120_000, () => `load below ${share}`);
        await client.flushall();
        flushes++;
      }
    } finally {
      client.disconnect();
    }
    const result = await load;
    const flushedAt = Date.now();
    await waitForAllApplied(system.databaseUrl, total, 90_000);
    const verdict = await verifyLedger(system.databaseUrl, plan, result.accepted);
    t.diagnostic(`operations ${total}, flushes ${flushes}, load ${result.durationMs} ms, all applied ${Date.now() - flushedAt} ms after the load, lost ${verdict.lost}, doubled ${verdict.doubled}`);
    assert.deepEqual(verdict.problems, []);
    assert.equal(verdict.operations, total);
  });

  it('a backlog whose jobs were all flushed is found by the sweeper and applied', async (t) => {
    // No worker runs while the operations are accepted and Redis is flushed: only the sweeper
    // (which runs in the workers) can bring them back.
    for (const w of system.workers) assert.equal((await signalAndWait(w, 'SIGTERM')).code, 0);
    const plan = planLoad('flushed', 20, 10);
    const total = totalOps(plan);
    const result = await runLoad(system.api, plan, { concurrency: 16 });
    const client = new Redis(redis.url);
    try {
      await client.flushall();
    } finally {
      client.disconnect();
    }
    const flushedAt = Date.now();
    await Promise.all([system.startWorker(), system.startWorker()]);
    await waitForAllApplied(system.databaseUrl, totalOps(planLoad('flush', 30, 20)) + total, 60_000);
    const verdict = await verifyLedger(system.databaseUrl, plan, result.accepted);
    t.diagnostic(`${total} operations accepted, flushed, all applied ${Date.now() - flushedAt} ms after the flush (including starting two workers)`);
    assert.deepEqual(verdict.problems, []);
    assert.equal(verdict.operations, total);
  });
});

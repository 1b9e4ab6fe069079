import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSystem, type System } from './helpers.js';
import { countApplied, planLoad, runLoad, sleep, terminateBackends, totalOps, verifyLedger, waitFor, waitForAllApplied } from './fault-helpers.js';

// pg_terminate_backend on every connection of the server and the workers
// (application_name 'lsl-server' / 'lsl-worker'), again and again during a load: transactions
// die mid-way, in intake and in workers. Intake answers 500 and the client retries (half of
// the operations carry an Idempotency-Key, half rely on the natural key); workers retry with a
// capped backoff. Nothing may fail, be lost, doubled or reordered.
const TERMINATE_EVERY_MS = 700;
const TERMINATE_FOR_MS = 15_000;

describe('fault: pg_terminate_backend on the system’s connections during a load', () => {
  let system: System;
  before(async () => {
    system = await startSystem({ serverWorkerConcurrency: 1, workers: 2, partitions: 4, env: { DATABASE_POOL_SIZE: '6' } });
  });
  after(async () => {
    await system?.stop();
  });

  it('every operation is applied exactly once, in order, and none fails', async (t) => {
    const keyed = planLoad('term-key', 20, 15);
    const natural = planLoad('term-nat', 20, 15);
    const total = totalOps(keyed) + totalOps(natural);
    const loads = Promise.all([
      runLoad(system.api, keyed, { concurrency: 8, ratePerSecond: 20, idempotencyKeys: true }),
      runLoad(system.api, natural, { concurrency: 8, ratePerSecond: 20 }),
    ]);

    await waitFor(async () => (await countApplied(system.databaseUrl)) >= 40, 60_000, () => 'load did not start');
    let terminated = 0;
    const until = Date.now() + TERMINATE_FOR_MS;
    while (Date.now() < until) {
      terminated += await terminateBackends(system.databaseUrl);
      await sleep(TERMINATE_EVERY_MS);
    }
    const [a, b] = await loads;
    await waitForAllApplied(system.databaseUrl, total, 90_000);
    const verdicts = [await verifyLedger(system.databaseUrl, keyed, a.accepted), await verifyLedger(system.databaseUrl, natural, b.accepted)];
    t.diagnostic(
      `operations ${total}, backends terminated ${terminated}, client retries ${a.retries + b.retries} (replays ${a.replays + b.replays}), ` +
        `lost ${verdicts[0]!.lost + verdicts[1]!.lost}, doubled ${verdicts[0]!.doubled + verdicts[1]!.doubled}`,
    );
    assert.ok(terminated > 20, `only ${terminated} backends terminated`);
    for (const v of verdicts) assert.deepEqual(v.problems, []);
    assert.equal(verdicts[0]!.operations + verdicts[1]!.operations, total);
  });
});

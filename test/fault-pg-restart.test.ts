import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { skipFor, startSystem, type System } from './helpers.js';
import { countApplied, PG_BIN, planLoad, privatePostgres, runLoad, sleep, totalOps, verifyLedger, waitFor, waitForAllApplied, type PrivatePostgres } from './fault-helpers.js';

// Postgres crashes (pg_ctl stop -m immediate) in the middle of a load and stays
// down for OUTAGE_MS, then restarts with its data. Intake answers 5xx meanwhile (nothing is
// accepted, so nothing can be lost) and the client retries; workers' transactions fail and
// their jobs are retried with the capped backoff. Afterwards: every operation applied exactly
// once, in order, none failed. On a Postgres cluster of the test's own, never the shared one.
const OUTAGE_MS = Number(process.env.FAULT_PG_OUTAGE_MS ?? 10_000);

// Needs the Postgres server binaries (initdb, pg_ctl) at PG_BIN; skipped, saying so, without them.
const skip = skipFor(existsSync(`${PG_BIN}/initdb`) ? false : `no Postgres binaries at ${PG_BIN} (set PG_BIN)`);

describe('fault: Postgres crash and restart during a load', { skip }, () => {
  let pg: PrivatePostgres;
  let system: System;
  before(async () => {
    pg = await privatePostgres();
    system = await startSystem({ serverWorkerConcurrency: 1, workers: 2, partitions: 4, env: { DATABASE_URL: pg.url, DATABASE_POOL_SIZE: '6' } });
  });
  after(async () => {
    await system?.stop();
    await pg?.destroy();
  });

  it(`Postgres down for ${OUTAGE_MS / 1000} s: work pauses and resumes, nothing lost, doubled or failed`, async (t) => {
    const plan = planLoad('pgcrash', 30, 16);
    const total = totalOps(plan);
    const load = runLoad(system.api, plan, { concurrency: 16, ratePerSecond: 25 });
    await waitFor(async () => (await countApplied(pg.url)) >= total * 0.3, 120_000, () => 'load too slow');
    await pg.crash();
    const downAt = Date.now();
    await sleep(OUTAGE_MS);
    await pg.start();
    const upAt = Date.now();
    const result = await load;
    await waitForAllApplied(pg.url, total, 120_000);
    const allAppliedAt = Date.now();
    const verdict = await verifyLedger(pg.url, plan, result.accepted);
    t.diagnostic(
      `operations ${total}, Postgres down ${upAt - downAt} ms, load ${result.durationMs} ms, client retries ${result.retries} (replays ${result.replays}), ` +
        `all applied ${allAppliedAt - upAt} ms after Postgres came back, lost ${verdict.lost}, doubled ${verdict.doubled}`,
    );
    assert.deepEqual(verdict.problems, []);
    assert.equal(verdict.operations, total);
    assert.ok(result.retries > 0, 'the outage was felt by the client');
  });
});

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import { startSystem, workerStartLogs, type System } from './helpers.js';
import {
  captureOutput,
  jobsHeldBy,
  jobsOfWorker,
  liveWorkers,
  workerStuckOn as stuckOn,
  operationOf,
  planLoad,
  recoveryAfterKill,
  runLoad,
  signalAndWait,
  sleep,
  totalOps,
  verifyLedger,
  waitFor,
  waitForAllApplied,
  type InFlight,
} from './fault-helpers.js';

// SIGTERM, the way deployments stop a worker: it stops taking jobs, finishes the ones it
// holds (or, past its shutdown grace, hands them back), and exits 0. Nothing is lost.
const PARTITIONS = 4;
const GRACE_MS = 5000;

let system: System;
const starting: Array<Promise<ChildProcess>> = [];
const outputs = new Map<ChildProcess, () => string>();

const live = (): ChildProcess[] => liveWorkers(system);
const held = (w: ChildProcess) => jobsOfWorker(system, w);
const track = (w: ChildProcess) => (outputs.set(w, captureOutput(w)), w);

describe('fault: SIGTERM of worker processes', () => {
  before(async () => {
    system = await startSystem({ serverWorkerConcurrency: 0, workers: 3, partitions: PARTITIONS, env: { DATABASE_POOL_SIZE: '6', SHUTDOWN_GRACE_MS: String(GRACE_MS) } });
    system.workers.forEach(track);
  });
  after(async () => {
    await Promise.allSettled(starting);
    await system?.stop();
  });

  it('under load: each worker stopped exits 0 promptly, leaves no job behind, and nothing is lost', async (t) => {
    const plan = planLoad('term', 30, 20);
    const total = totalOps(plan);
    let loadDone = false;
    const load = runLoad(system.api, plan, { concurrency: 16, ratePerSecond: 30 }).finally(() => (loadDone = true));
    const exits: Array<{ ms: number; jobs: number }> = [];
    // At least three stops: a worker's restart takes seconds on a busy machine, so the load (20 s)
    // may end before the third; the last ones then land while the backlog drains.
    while (!loadDone || exits.length < 3) {
      await sleep(2500);
      await waitFor(async () => live().length >= 3, 60_000, () => `${live().length} workers live`);
      // Prefer a worker holding jobs: the interesting case.
      let victim = live()[exits.length % live().length]!;
      let jobs: InFlight[] = [];
      for (let i = 0; i < 30 && jobs.length === 0; i++) {
        for (const w of live()) {
          jobs = await held(w);
          if (jobs.length > 0) {
            victim = w;
            break;
          }
        }
      }
      const ids = workerStartLogs.get(victim)?.workerIds ?? [];
      const exit = await signalAndWait(victim, 'SIGTERM', 30_000);
      assert.equal(exit.code, 0, `exit ${exit.code} ${exit.signal}: ${outputs.get(victim)?.()}`);
      assert.ok(exit.ms < GRACE_MS + 2000, `took ${exit.ms} ms to stop`);
      assert.match(outputs.get(victim)!(), /"worker stopped"/);
      assert.doesNotMatch(outputs.get(victim)!(), /grace expired/);
      // It finished what it held: no job of the queue is still locked by it.
      assert.deepEqual(await jobsHeldBy(system, ids), []);
      exits.push({ ms: exit.ms, jobs: jobs.length });
      starting.push(system.startWorker().then(track));
    }
    const result = await load;
    await waitForAllApplied(system.databaseUrl, total, 90_000);
    const verdict = await verifyLedger(system.databaseUrl, plan, result.accepted);
    t.diagnostic(`operations ${total}, SIGTERMs ${exits.length} (stop times ms: ${exits.map((e) => `${e.ms}${e.jobs ? `/${e.jobs} jobs` : ''}`).join(' ')}), lost ${verdict.lost}, doubled ${verdict.doubled}`);
    assert.ok(exits.length >= 3, `only ${exits.length} SIGTERMs`);
    assert.deepEqual(verdict.problems, []);
  });

  /** Holds a borrower's ledger lock, submits its next operation, returns the worker stuck on it. */
  const workerStuckOn = (blocker: pg.Client, borrowerId: string, k: number) => stuckOn(system, blocker, borrowerId, k);

  it('a worker stopped in the middle of an operation finishes it, then exits 0', async () => {
    await waitFor(async () => live().length >= 2, 60_000, () => 'workers not up');
    const plan = planLoad('term-finish', 1, 3);
    const borrowerId = plan.borrowers[0]!;
    const loan = operationOf(borrowerId, 0);
    assert.equal((await system.api.post(loan.path, loan.body, { prefer: 'wait=20' })).status, 200);
    const blocker = new pg.Client({ connectionString: system.databaseUrl });
    await blocker.connect();
    try {
      const { victim } = await workerStuckOn(blocker, borrowerId, 1);
      const exited = signalAndWait(victim, 'SIGTERM', 30_000);
      await sleep(1500);
      assert.equal(victim.exitCode, null, 'the worker waits for its job');
      await blocker.query('rollback');
      const exit = await exited;
      assert.equal(exit.code, 0);
      assert.doesNotMatch(outputs.get(victim)!(), /grace expired/);
      starting.push(system.startWorker().then(track));
    } finally {
      await blocker.end();
    }
    const payment = operationOf(borrowerId, 2);
    assert.equal((await system.api.post(payment.path, payment.body, { prefer: 'wait=20' })).status, 200);
    assert.deepEqual((await verifyLedger(system.databaseUrl, plan)).problems, []);
  });

  it('a worker whose operation outlasts the shutdown grace exits 0 and hands it back; another worker applies it once', async (t) => {
    await waitFor(async () => live().length >= 2, 60_000, () => 'workers not up');
    const plan = planLoad('term-handback', 1, 2);
    const borrowerId = plan.borrowers[0]!;
    const loan = operationOf(borrowerId, 0);
    assert.equal((await system.api.post(loan.path, loan.body, { prefer: 'wait=20' })).status, 200);
    const blocker = new pg.Client({ connectionString: system.databaseUrl });
    await blocker.connect();
    let operationId: string;
    let exitedAt: number;
    try {
      const stuck = await workerStuckOn(blocker, borrowerId, 1);
      operationId = stuck.operationId;
      const exit = await signalAndWait(stuck.victim, 'SIGTERM', 30_000);
      exitedAt = Date.now();
      assert.equal(exit.code, 0);
      assert.ok(exit.ms >= GRACE_MS - 500, `stopped after ${exit.ms} ms`);
      assert.match(outputs.get(stuck.victim)!(), /grace expired/);
    } finally {
      await blocker.query('rollback').catch(() => {});
      await blocker.end();
    }
    const [recovery] = await recoveryAfterKill(system.databaseUrl, [{ jobId: operationId, borrowerId, operationId }], exitedAt, 60_000);
    t.diagnostic(`the handed-back operation was applied ${recovery} ms after the worker exited`);
    assert.deepEqual((await verifyLedger(system.databaseUrl, plan)).problems, []);
  });
});

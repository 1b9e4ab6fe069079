import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import { startSystem, type System } from './helpers.js';
import {
  jobsOfWorker,
  liveWorkers,
  workerStuckOn,
  operationOf,
  planLoad,
  recoveryAfterKill,
  runLoad,
  signalAndWait,
  sigkillLoop,
  totalOps,
  verifyLedger,
  waitFor,
  countApplied,
  waitForAllApplied,
} from './fault-helpers.js';

// Many operations over many borrowers, four worker processes, one of them killed with
// SIGKILL every few seconds and replaced. Afterwards, read from Postgres: every operation
// applied exactly once, each borrower's in acceptance order. At full size (docs/guarantees.md):
// 5,000 operations over 200 borrowers (FAULT_BORROWERS / FAULT_OPS_PER_BORROWER change it);
// `node scripts/soak.mjs` is the same load with its figures printed.
const BORROWERS = Number(process.env.FAULT_BORROWERS ?? 200);
const OPS_PER_BORROWER = Number(process.env.FAULT_OPS_PER_BORROWER ?? 25);
const KILL_EVERY_MS = 2000;
const PARTITIONS = 4;

let system: System;
// Workers being started; awaited before the system stops, so none is left behind.
const starting: Array<Promise<ChildProcess>> = [];

const live = (): ChildProcess[] => liveWorkers(system);
const held = (w: ChildProcess) => jobsOfWorker(system, w);

describe('fault: SIGKILL of worker processes', () => {
  before(async () => {
    // No worker in the server: the four worker processes do all the applying.
    system = await startSystem({ serverWorkerConcurrency: 0, workers: 4, partitions: PARTITIONS, env: { DATABASE_POOL_SIZE: '6' } });
  });
  after(async () => {
    await Promise.allSettled(starting);
    await system?.stop();
  });

  it('under load, one worker killed every few seconds: every operation applied exactly once, in order', async (t) => {
    const plan = planLoad('kill', BORROWERS, OPS_PER_BORROWER);
    const total = totalOps(plan);
    let loadDone = false;
    const load = runLoad(system.api, plan, { concurrency: 24, ratePerSecond: 30 }).finally(() => (loadDone = true));

    const { kills, recoveries: recovery } = await sigkillLoop({
      system,
      everyMs: KILL_EVERY_MS,
      workers: 4,
      done: () => loadDone,
      roundsAfter: 2,
      starting,
    });
    const result = await load;
    await waitForAllApplied(system.databaseUrl, total, 120_000);
    const verdict = await verifyLedger(system.databaseUrl, plan, result.accepted);
    const maxRecovery = recovery.length ? Math.max(...recovery) : 0;
    t.diagnostic(`recovery times (ms): ${recovery.sort((a, b) => a - b).join(' ')}`);
    t.diagnostic(
      `operations ${total}, kills ${kills}, load ${result.durationMs} ms, retries ${result.retries}, ` +
        `operations held by killed workers ${recovery.length}, max recovery ${maxRecovery} ms, lost ${verdict.lost}, doubled ${verdict.doubled}, out of order ${verdict.outOfOrder}`,
    );
    assert.deepEqual(verdict.problems, []);
    assert.equal(verdict.operations, total);
    assert.equal(result.accepted.size, total);
    assert.ok(kills >= 4, `only ${kills} kills`);
    assert.ok(maxRecovery < 15_000, `recovery took ${maxRecovery} ms`);
  });

  it('a worker killed while it holds a borrower’s only job: the sweeper has the borrower resumed within seconds', async (t) => {
    // Deterministic "killed mid-operation": the test holds the borrower's ledger row lock, so
    // the worker that takes the job blocks inside its transaction; then it is killed and the
    // lock released. Nothing else will ever enqueue this borrower: only a takeover helps.
    const plan = planLoad('held', 1, 2);
    const borrowerId = plan.borrowers[0]!;
    const loan = operationOf(borrowerId, 0);
    const created = await system.api.post(loan.path, loan.body, { prefer: 'wait=20' });
    assert.equal(created.status, 200, JSON.stringify(created.body));

    const blocker = new pg.Client({ connectionString: system.databaseUrl });
    await blocker.connect();
    try {
      const { operationId, victim } = await workerStuckOn(system, blocker, borrowerId, 1);
      const killedAt = Date.now();
      await signalAndWait(victim, 'SIGKILL');
      await blocker.query('rollback');
      const [recovery] = await recoveryAfterKill(system.databaseUrl, [{ jobId: operationId, borrowerId, operationId }], killedAt, 90_000);
      t.diagnostic(`the killed worker's job was taken over and applied ${recovery} ms after the kill`);
      // BullMQ alone takes lockDuration (15 s) plus up to two stalled intervals.
      assert.ok(recovery !== undefined && recovery < 12_000, `recovery took ${recovery} ms`);
    } finally {
      await blocker.end();
    }
    starting.push(system.startWorker());
    const verdict = await verifyLedger(system.databaseUrl, plan);
    assert.deepEqual(verdict.problems, []);
  });
});

// Partition affinity (docs/performance.md, "Partition affinity"): two worker processes, each
// consuming its slot's partitions (p mod 2). The one of slot 1 is killed while the load runs and
// not replaced until every operation is applied: the partitions it consumed are drained by
// slot 0 (nothing else consumes them), every operation once, each borrower's in order. Then
// its replacement takes its slot back and a second load is applied as well.
describe('fault: SIGKILL of a worker process with partition affinity', () => {
  let affine: System;
  const slot = (index: number) => ({ WORKER_PROCESSES: '2', WORKER_PROCESS_INDEX: String(index) });
  before(async () => {
    affine = await startSystem({ serverWorkerConcurrency: 0, workers: 0, partitions: PARTITIONS, env: { DATABASE_POOL_SIZE: '6' } });
  });
  after(async () => {
    await affine?.stop();
  });

  it('a dead slot’s partitions are drained by the live slot, then taken back by its replacement', async (t) => {
    await affine.startWorker(slot(0));
    const victim = await affine.startWorker(slot(1));
    const plan = planLoad('slot', 40, 6);
    const total = totalOps(plan);
    const load = runLoad(affine.api, plan, { concurrency: 8, ratePerSecond: 30 });
    // Killed once it has work under way, whatever the machine's speed.
    await waitFor(async () => (await countApplied(affine.databaseUrl)) >= total / 4, 120_000, () => 'a quarter of the load applied');
    await signalAndWait(victim, 'SIGKILL');
    const result = await load;
    await waitForAllApplied(affine.databaseUrl, total, 120_000);
    const verdict = await verifyLedger(affine.databaseUrl, plan, result.accepted);
    t.diagnostic(`operations ${total}, lost ${verdict.lost}, doubled ${verdict.doubled}, out of order ${verdict.outOfOrder}`);
    assert.deepEqual(verdict.problems, []);
    assert.equal(verdict.operations, total);

    await affine.startWorker(slot(1));
    const again = planLoad('slot-back', 20, 3);
    const second = await runLoad(affine.api, again, { concurrency: 8, ratePerSecond: 30 });
    await waitForAllApplied(affine.databaseUrl, total + totalOps(again), 120_000);
    assert.deepEqual((await verifyLedger(affine.databaseUrl, again, second.accepted)).problems, []);
  });
});

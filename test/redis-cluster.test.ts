import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { partitionOf } from '@lsl/queue';
import { skipFor, startSystem, type System } from './helpers.js';
import { planLoad, runLoad, sigkillLoop, totalOps, verifyLedger, waitForAllApplied } from './fault-helpers.js';
import { clusterUnavailable, startLocalRedisCluster, type LocalRedisCluster } from './local-redis-cluster.js';

// The queues on a real three-master Redis Cluster (REDIS_URL=redis-cluster://…, see
// docs/guarantees.md "Queue backends"): the pipeline, the partitions spread over the masters
// (each partition's keys share its hash tag `{pN}`, so they live in one slot, on one master),
// and the SIGKILL fault test. Skipped, saying why, where redis-server or redis-cli is missing.
const skip = skipFor(clusterUnavailable());
const PARTITIONS = 8;

describe('Redis Cluster: three masters', { skip }, () => {
  let cluster: LocalRedisCluster;
  let system: System;
  const starting: Array<Promise<ChildProcess>> = [];
  before(async () => {
    cluster = await startLocalRedisCluster(3);
    system = await startSystem({ serverWorkerConcurrency: 0, workers: 3, partitions: PARTITIONS, env: { REDIS_URL: cluster.url, DATABASE_POOL_SIZE: '6' } });
  });
  after(async () => {
    await Promise.allSettled(starting);
    await system?.stop();
    await cluster?.stop();
  });

  const pipelinePlan = planLoad('cluster', 40, 6);

  it('the pipeline: every operation applied once, in acceptance order; /readyz sees the cluster', async (t) => {
    // The borrowers reach every partition, so every partition's keys get written below.
    assert.equal(new Set(pipelinePlan.borrowers.map((b) => partitionOf(b, PARTITIONS))).size, PARTITIONS);
    const result = await runLoad(system.api, pipelinePlan, { concurrency: 16 });
    await waitForAllApplied(system.databaseUrl, totalOps(pipelinePlan), 120_000);
    const verdict = await verifyLedger(system.databaseUrl, pipelinePlan, result.accepted);
    t.diagnostic(`operations ${totalOps(pipelinePlan)} in ${result.durationMs} ms, lost ${verdict.lost}, doubled ${verdict.doubled}, out of order ${verdict.outOfOrder}`);
    assert.deepEqual(verdict.problems, []);
    const ready = await system.api.get('/readyz');
    assert.equal(ready.status, 200, JSON.stringify(ready.body));
    assert.equal(ready.body.checks.queue, 'ok');
  });

  it('the partitions spread over the three masters: each partition in one slot, on the master serving it', async (t) => {
    const probe = cluster.node(cluster.ports[0]!);
    // CLUSTER SLOTS: [start, end, [host, port, id], ...replicas] per range.
    const ranges = await probe.cluster('SLOTS');
    assert.equal(ranges.length, 3, 'three slot ranges, one per master');
    const ownerOf = (slot: number) => ranges.find(([start, end]) => slot >= start && slot <= end)![2]![1];
    const lines: string[] = [];
    const mastersUsed = new Set<number>();
    for (let p = 0; p < PARTITIONS; p++) {
      const pattern = `${system.prefix}:{p${p}}:*`;
      const slot = Number(await probe.cluster('KEYSLOT', `${system.prefix}:{p${p}}:ledger-p${p}:meta`));
      const owner = ownerOf(slot);
      const keysOn = new Map<number, number>();
      for (const port of cluster.ports) {
        const [, keys] = await cluster.node(port).scan('0', 'MATCH', pattern, 'COUNT', 100_000);
        keysOn.set(port, keys.length);
        // Every key of the partition hashes to the partition's one slot.
        for (const key of keys) assert.equal(Number(await probe.cluster('KEYSLOT', key)), slot, key);
      }
      assert.ok(keysOn.get(owner)! > 0, `partition ${p} has keys on ${owner}, the master of slot ${slot}`);
      for (const [port, n] of keysOn) if (port !== owner) assert.equal(n, 0, `partition ${p} has ${n} keys on ${port}, not its master`);
      mastersUsed.add(owner);
      lines.push(`p${p}: slot ${slot} on :${owner} (${keysOn.get(owner)} keys)`);
    }
    t.diagnostic(lines.join('; '));
    assert.equal(mastersUsed.size, 3, `partitions on ${[...mastersUsed].join(', ')}`);
  });

  it('SIGKILL of workers under load: 0 lost, 0 doubled, order kept', async (t) => {
    const plan = planLoad('cluster-kill', 60, 15);
    const total = totalOps(plan);
    let loadDone = false;
    const load = runLoad(system.api, plan, { concurrency: 16, ratePerSecond: 30 }).finally(() => (loadDone = true));
    const { kills, recoveries } = await sigkillLoop({ system, everyMs: 2000, workers: 3, done: () => loadDone, roundsAfter: 2, starting });
    const result = await load;
    await waitForAllApplied(system.databaseUrl, total, 120_000);
    const verdict = await verifyLedger(system.databaseUrl, plan, result.accepted);
    const maxRecovery = recoveries.length ? Math.max(...recoveries) : 0;
    t.diagnostic(
      `operations ${total}, kills ${kills}, operations held by killed workers ${recoveries.length}, max recovery ${maxRecovery} ms, ` +
        `lost ${verdict.lost}, doubled ${verdict.doubled}, out of order ${verdict.outOfOrder}`,
    );
    assert.deepEqual(verdict.problems, []);
    assert.equal(verdict.operations, total);
    assert.ok(kills >= 3, `only ${kills} kills`);
  });
});

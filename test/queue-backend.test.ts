import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import pg from 'pg';
import { queueSchemaName } from '@lsl/queue';
import { createLoanBody, QUEUE_BACKEND, REDIS_AVAILABLE, REDIS_URL, startSystem, type System } from './helpers.js';

// The queue backend behind the seam (docs/guarantees.md, "Queue backends"): the file runs on
// Redis and, in npm test's second pass, on Postgres (QUEUE_BACKEND=postgres). Whichever runs,
// operations apply, and readiness, metrics and the dashboard see the same partition queues;
// on Postgres, the queues are in the database and Redis (when one runs) holds nothing of this
// system.
const PARTITIONS = 4;
const DASHBOARD = { authorization: `Basic ${Buffer.from('admin:test-dashboard').toString('base64')}` };

describe(`queue backend: ${QUEUE_BACKEND}`, () => {
  let system: System;
  before(async () => {
    system = await startSystem({ serverWorkerConcurrency: 1, partitions: PARTITIONS });
    for (let i = 0; i < 6; i++) {
      const created = await system.api.post(`/v1/borrowers/B-qb-${i}/loans/L1/create?is_migration=true`, createLoanBody(), { prefer: 'wait=20' });
      assert.equal(created.status, 200, JSON.stringify(created.body));
    }
  });
  after(async () => {
    await system?.stop();
  });

  it('the jobs are where the configuration says, and only there', async (t) => {
    const client = new pg.Client({ connectionString: system.databaseUrl });
    await client.connect();
    const redis = REDIS_AVAILABLE ? new Redis(REDIS_URL) : undefined;
    try {
      const schema = queueSchemaName(system.prefix);
      const { rows } = await client.query<{ exists: boolean }>('select exists (select 1 from pg_namespace where nspname = $1) as exists', [schema]);
      const keys = redis ? (await redis.scan('0', 'MATCH', `${system.prefix}:*`, 'COUNT', 10_000))[1] : [];
      if (QUEUE_BACKEND === 'postgres') {
        const jobs = await client.query<{ n: number }>(`select count(*)::int as n from "${schema}".job`);
        assert.ok(jobs.rows[0]!.n >= 6, `${jobs.rows[0]!.n} jobs in ${schema}.job`);
        if (redis) assert.deepEqual(keys, [], 'no Redis key of this system');
        else t.diagnostic('no Redis runs: nothing of this system can be in one');
      } else {
        assert.equal(rows[0]!.exists, false, `no ${schema} schema`);
        assert.ok(keys.length > 0, 'the partition keys are in Redis');
      }
    } finally {
      redis?.disconnect();
      await client.end();
    }
  });

  it('/readyz checks the queue backend', async () => {
    const res = await system.api.get('/readyz');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.checks, { postgres: 'ok', queue: 'ok', migrations: 'ok' });
  });

  it('/metrics reports the depth of every partition queue', async () => {
    const res = await system.api.get('/metrics');
    assert.equal(res.status, 200);
    for (let p = 0; p < PARTITIONS; p++) assert.match(res.body, new RegExp(`lsl_queue_jobs\\{queue="[^"]*ledger-p${p}",state="waiting"\\} 0`));
    assert.match(res.body, /lsl_queue_jobs\{queue="webhooks",state="waiting"\} \d+/);
  });

  it('the dashboard lists the partition queues, the webhooks and close-of-business queues, and the datastore they are in', async () => {
    const queues = await system.api.get('/admin/queues/api/queues', DASHBOARD);
    assert.equal(queues.status, 200, JSON.stringify(queues.body).slice(0, 500));
    const names = (queues.body.queues as Array<{ name: string }>).map((q) => q.name).sort();
    assert.equal(names.length, PARTITIONS + 2, names.join(', '));
    assert.ok(names.includes('webhooks'), `the webhook queue in ${names.join(', ')}`);
    assert.ok(names.some((n) => n.endsWith('close-of-business')), `the close-of-business queue in ${names.join(', ')}`);
    for (let p = 0; p < PARTITIONS; p++) assert.ok(names.some((n) => n.endsWith(`ledger-p${p}`)), `ledger-p${p} in ${names.join(', ')}`);
    const completed = (queues.body.queues as Array<{ counts: Record<string, number> }>).reduce((sum, q) => sum + (q.counts.completed ?? 0), 0);
    assert.ok(completed >= 6, `${completed} completed jobs on the dashboard`);
    const stats = await system.api.get('/admin/queues/api/redis/stats', DASHBOARD);
    assert.equal(stats.status, 200, JSON.stringify(stats.body));
    assert.equal(stats.body.backend, QUEUE_BACKEND);
    const unauthenticated = await system.api.get('/admin/queues/api/queues');
    assert.equal(unauthenticated.status, 401);
  });
});

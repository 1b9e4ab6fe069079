import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@lsl/db/testing';
import { childEnv } from './child-env.js';
import { cleanRedisPrefix, createLoanBody, newTestKey, QUEUE_REDIS_URL, tsxArgs, waitForLog } from './helpers.js';

// The three services each on its own entry point (docker-compose.yml runs them apart):
// intake (apps/intake-api/src/main.ts), results (apps/results-api/src/main.ts) and a worker
// (apps/worker/src/main.ts), on one database and one set of queues, no server process between
// them. An operation accepted by intake is applied by the worker and read back from results.
describe('intake, results and worker, each a process of its own', () => {
  let database: TestDatabase;
  const prefix = `lsltest-svc-${randomBytes(4).toString('hex')}`;
  const key = newTestKey();
  const children: ChildProcess[] = [];
  let intakeUrl: string;
  let resultsUrl: string;
  let workerMetricsUrl: string;

  const start = async (entry: string, env: Record<string, string>, message: string) => {
    const child = spawn(process.execPath, tsxArgs(entry), { env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    return waitForLog(child, message);
  };

  before(async () => {
    database = await createTestDatabase();
    const common = {
      DATABASE_URL: database.url,
      REDIS_URL: QUEUE_REDIS_URL ?? '',
      QUEUE_PREFIX: prefix,
      QUEUE_PARTITIONS: '2',
      QUEUE_POOL_SIZE: '2',
      DATABASE_POOL_SIZE: '4',
      API_KEYS: key,
      PORT: '0',
      HOST: '127.0.0.1',
    };
    intakeUrl = (await start('apps/intake-api/src/main.ts', common, 'listening')).url;
    resultsUrl = (await start('apps/results-api/src/main.ts', common, 'listening')).url;
    workerMetricsUrl = (await start('apps/worker/src/main.ts', { ...common, METRICS_PORT: '0', WORKER_CONCURRENCY: '1' }, 'worker started')).metrics_url;
  });

  after(async () => {
    for (const child of children) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
    if (QUEUE_REDIS_URL) await cleanRedisPrefix(prefix);
    await database?.drop();
  });

  const auth = { authorization: `Bearer ${key}` };

  it('each answers its health check; an API service refuses /v1 without the key', async () => {
    for (const base of [intakeUrl, resultsUrl]) {
      assert.equal((await fetch(`${base}/readyz`)).status, 200, base);
      assert.equal((await fetch(`${base}/v1/operations/00000000-0000-4000-8000-000000000000`)).status, 401, base);
    }
    assert.equal((await fetch(workerMetricsUrl.replace(/\/metrics$/, '/healthz'))).status, 200);
  });

  it('intake accepts, the worker applies, results answer', async () => {
    const accepted = await fetch(`${intakeUrl}/v1/borrowers/B-svc/loans/L1/create?is_migration=true`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify(createLoanBody()),
    });
    assert.equal(accepted.status, 202);
    const { operation_id: id } = (await accepted.json()) as { operation_id: string };
    let status = '';
    for (let i = 0; i < 200 && status !== 'succeeded'; i++) {
      const read = await fetch(`${resultsUrl}/v1/operations/${id}`, { headers: auth });
      assert.equal(read.status, 200);
      status = ((await read.json()) as { status: string }).status;
      if (status === 'failed') assert.fail('the operation failed');
      if (status !== 'succeeded') await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(status, 'succeeded');
    // Each serves only its own routes: reads are not on intake, operations not on results.
    assert.equal((await fetch(`${intakeUrl}/v1/operations/${id}`, { headers: auth })).status, 404);
    const onResults = await fetch(`${resultsUrl}/v1/borrowers/B-svc/loans/L2/create?is_migration=true`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{}' });
    assert.ok([404, 405].includes(onResults.status), String(onResults.status));
  });
});

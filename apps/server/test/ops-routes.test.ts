import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { exampleRequest } from '@lsl/contracts';
import { serveApp, serveAppPerSuite, type ServedApp } from './serve-app.js';

describe('health, readiness and metrics', () => {
  const served = serveAppPerSuite();

  it('/healthz and /readyz answer when Postgres, the queue backend and the schema are there', async () => {
    assert.equal((await fetch(`${served.app.baseUrl}/healthz`)).status, 200);
    const ready = await fetch(`${served.app.baseUrl}/readyz`);
    assert.equal(ready.status, 200);
    assert.deepEqual(await ready.json(), { status: 'ready', checks: { postgres: 'ok', queue: 'ok', migrations: 'ok' } });
  });

  it('/readyz is 503 naming a migration this build knows and the database has not run', async () => {
    const { rows } = await sql<{ name: string; timestamp: string }>`select name, timestamp from kysely_migration order by name desc limit 1`.execute(served.app.db);
    const last = rows[0]!;
    await sql`delete from kysely_migration where name = ${last.name}`.execute(served.app.db);
    try {
      const res = await fetch(`${served.app.baseUrl}/readyz`);
      assert.equal(res.status, 503);
      const body = (await res.json()) as { status: string; checks: Record<string, string> };
      assert.equal(body.status, 'not ready');
      assert.equal(body.checks['migrations'], `pending: ${last.name}`);
      assert.equal(body.checks['postgres'], 'ok');
    } finally {
      await sql`insert into kysely_migration (name, timestamp) values (${last.name}, ${last.timestamp})`.execute(served.app.db);
    }
    assert.equal((await fetch(`${served.app.baseUrl}/readyz`)).status, 200);
  });

  it('/readyz is 503 when the queue backend check fails, and when Postgres does not answer', async () => {
    const noQueue = await serveApp(served.databaseUrl, { checkQueueBackend: async () => Promise.reject(new Error('queue backend down')) });
    try {
      const res = await fetch(`${noQueue.baseUrl}/readyz`);
      assert.equal(res.status, 503);
      assert.equal(((await res.json()) as any).checks.queue, 'queue backend down');
    } finally {
      await noQueue.close();
    }
    // A database URL where nothing listens: a real refused connection.
    const { createDb } = await import('@lsl/db');
    const { createApp } = await import('../src/app.js');
    const deadDb = createDb({ connectionString: 'postgres://postgres@127.0.0.1:1/none', max: 1 });
    const server = createApp({ ...(await appOptionsLike(served.app)), db: deadDb }).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const port = (server.address() as { port: number }).port;
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      assert.equal(res.status, 503);
      const body = (await res.json()) as any;
      assert.notEqual(body.checks.postgres, 'ok');
      assert.notEqual(body.checks.migrations, 'ok');
      assert.equal(body.checks.queue, 'ok');
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await deadDb.destroy();
    }
  });

  it('/metrics counts accepted operations by type, HTTP latency by route pattern, queue depth by state, process metrics', async () => {
    const { params, body } = exampleRequest('create_loan');
    const url = `${served.app.baseUrl}/v1/borrowers/${params['borrower_id']}/loans/${params['loan_id']}/create`;
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    assert.equal(res.status, 202);
    assert.equal((await fetch(`${served.app.baseUrl}/no/such/route/x1`)).status, 404);
    const text = await (await fetch(`${served.app.baseUrl}/metrics`)).text();
    assert.match(text, /^lsl_operations_accepted_total\{type="create_loan"\} 1$/m);
    assert.match(text, /^lsl_http_request_duration_seconds_count\{method="POST",route="\/v1\/borrowers\/:borrower_id\/loans\/:loan_id\/create",status_code="202"\} 1$/m);
    assert.match(text, /^lsl_http_request_duration_seconds_count\{method="GET",route="unmatched",status_code="404"\} 1$/m);
    assert.doesNotMatch(text, /route="\/v1\/borrowers\/B1/);
    assert.doesNotMatch(text, /route="\/no\/such/);
    // The job the 202 enqueued waits (no worker here) in its partition queue.
    const waiting = [...text.matchAll(/^lsl_queue_jobs\{queue="ledger-p\d",state="waiting"\} (\d+)$/gm)].map((m) => Number(m[1]));
    assert.equal(waiting.length, 2);
    assert.equal(waiting.reduce((a, b) => a + b, 0), 1);
    assert.match(text, /^lsl_queue_jobs\{queue="ledger-p\d",state="failed"\} 0$/m);
    assert.match(text, /^process_cpu_user_seconds_total /m);
    assert.match(text, /^# TYPE lsl_webhook_deliveries_total counter$/m);
  });
});

/** The options of a served app, for a second app over other dependencies. */
async function appOptionsLike(app: ServedApp) {
  const { createLogger } = await import('@lsl/telemetry');
  const { Writable } = await import('node:stream');
  return {
    db: app.db,
    queues: app.queues,
    timeZone: 'America/Bogota',
    logger: createLogger({ service: 'test', destination: new Writable({ write: (_c, _e, done) => done() }) }),
    dashboard: { user: 'admin', password: 'pw', readOnly: true },
    bodyLimit: '1mb',
    checkQueueBackend: async () => {},
  };
}

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase } from '@lsl/db/testing';
import { serveApp, type ServedApp } from './serve-app.js';

const basic = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });

describe('/docs offline, and the dashboard', () => {
  let database: TestDatabase;
  let app: ServedApp;
  before(async () => {
    database = await createTestDatabase();
    app = await serveApp(database.url, {}, ['webhooks']);
  });
  after(async () => {
    await app?.close();
    await database?.drop();
  });

  it('/docs loads only assets the app serves itself, and serves each of them', async () => {
    const res = await fetch(`${app.baseUrl}/docs`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/html/);
    const html = await res.text();
    assert.doesNotMatch(html, /https?:|\/\/[a-z0-9]/i, 'no absolute or protocol-relative URL');
    const refs = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(refs.some((r) => r.endsWith('.js')) && refs.some((r) => r.endsWith('.css')), refs.join(' '));
    for (const ref of refs) {
      assert.match(ref, /^\/[^/]/, ref);
      const asset = await fetch(`${app.baseUrl}${ref}`);
      assert.equal(asset.status, 200, ref);
      assert.ok((await asset.arrayBuffer()).byteLength > 0, ref);
    }
    const init = await (await fetch(`${app.baseUrl}/docs/init.js`)).text();
    assert.match(init, /url: '\/openapi\.json'/);
    assert.match(init, /validatorUrl: null/);
    const spec = await fetch(`${app.baseUrl}/openapi.json`);
    assert.equal(spec.status, 200);
    assert.equal(((await spec.json()) as { openapi: string }).openapi, '3.1.0');
    // Only the named assets: nothing else of the package's folder.
    assert.equal((await fetch(`${app.baseUrl}/docs/assets/package.json`)).status, 404);
    assert.equal((await fetch(`${app.baseUrl}/docs/assets/..%2F..%2Fpackage.json`)).status, 404);
  });

  it('the dashboard needs its credentials', async () => {
    const refused = await fetch(`${app.baseUrl}/admin/queues`);
    assert.equal(refused.status, 401);
    assert.match(refused.headers.get('www-authenticate') ?? '', /^Basic /);
    assert.deepEqual(await refused.json(), { code: 4010, context: {}, error: 'Dashboard credentials required', status: 'Unauthorized' });
    assert.equal((await fetch(`${app.baseUrl}/admin/queues/api/queues`, { headers: basic('admin', 'nope') })).status, 401);
    const page = await fetch(`${app.baseUrl}/admin/queues`, { headers: basic('admin', 'pw') });
    assert.equal(page.status, 200);
  });

  it('shows every monitored queue, read-only: actions are refused', async () => {
    const res = await fetch(`${app.baseUrl}/admin/queues/api/queues`, { headers: basic('admin', 'pw') });
    assert.equal(res.status, 200);
    const { queues } = (await res.json()) as { queues: Array<{ name: string; readOnlyMode: boolean }> };
    assert.deepEqual(queues.map((q) => q.name).sort(), ['ledger-p0', 'ledger-p1', 'webhooks']);
    assert.ok(queues.every((q) => q.readOnlyMode));
    const retry = await fetch(`${app.baseUrl}/admin/queues/api/queues/ledger-p0/retry/failed`, { method: 'PUT', headers: basic('admin', 'pw') });
    assert.equal(retry.status, 405);
    const pause = await fetch(`${app.baseUrl}/admin/queues/api/queues/webhooks/pause`, { method: 'PUT', headers: basic('admin', 'pw') });
    assert.equal(pause.status, 405);
    assert.equal(await app.queues.queues[0]!.isPaused(), false);
  });

  it('DASHBOARD_READ_ONLY=false lets an operator act on the queues', async () => {
    const writable = await serveApp(database.url, { dashboard: { user: 'admin', password: 'pw', readOnly: false } });
    try {
      const pause = await fetch(`${writable.baseUrl}/admin/queues/api/queues/ledger-p0/pause`, { method: 'PUT', headers: basic('admin', 'pw') });
      assert.equal(pause.status, 200);
      assert.equal(await writable.queues.queues[0]!.isPaused(), true);
    } finally {
      await writable.close();
    }
  });
});

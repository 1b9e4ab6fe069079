import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { createApi, createLoanBody, newTestKey, startSystem, type Api, type System } from './helpers.js';
import { createKey, keysCli } from './keys-cli.js';

const SEED_KEYS = ['code', 'context', 'error', 'status'];

/** One request per kind of /v1 route, valid apart from the key. */
const ROUTES: Array<[string, string, unknown?]> = [
  ['POST', '/v1/borrowers/K1/loans/L1/create', createLoanBody()],
  ['POST', '/v1/borrowers/K1/loans/L1/cancel', {}],
  ['POST', '/v1/borrowers/K1/loans/L1/waivers/W1/create', {}],
  ['POST', '/v1/borrowers/K1/loans/consolidations/C1/create', {}],
  ['POST', '/v1/borrowers/K1/payments/P1/create', {}],
  ['POST', '/v1/borrowers/loans/transfer_ownership', []],
  ['GET', '/v1/operations/00000000-0000-4000-8000-000000000000'],
  ['GET', '/v1/batches/00000000-0000-4000-8000-000000000000'],
  ['GET', '/v1/borrowers/K1/get_status'],
  ['GET', '/v1/borrowers/K1/get_history'],
  ['GET', '/v1/configs/loans/DEFAULT'],
  ['PUT', '/v1/configs/loans/K1', {}],
  ['GET', '/v1/no/such/route'],
];

function send(api: Api, method: string, path: string, body: unknown, authorization?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (authorization !== undefined) headers.authorization = authorization;
  return api.raw(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

describe('API keys', () => {
  let system: System;
  let anonymous: Api;

  before(async () => {
    // Revocation is seen within API_KEY_CACHE_MS; a short one keeps the test quick.
    system = await startSystem({ serverWorkerConcurrency: 1, env: { API_KEY_CACHE_MS: '300', RATE_LIMIT_WINDOW_SECONDS: '60' } });
    anonymous = createApi(system.baseUrl);
  });
  after(() => system?.stop());

  it('every /v1 route is 401 in the seed error body without a key, with another scheme, or with an unknown key', async () => {
    for (const [method, path, body] of ROUTES) {
      for (const authorization of [undefined, '', 'Bearer', `Basic ${Buffer.from('a:b').toString('base64')}`, `Bearer ${newTestKey()}`, `Bearer ${system.apiKey} extra`, 'Bearer ' + 'x'.repeat(5000)]) {
        const res = await send(anonymous, method, path, body, authorization);
        assert.equal(res.status, 401, `${method} ${path} with ${String(authorization).slice(0, 30)}: ${JSON.stringify(res.body)}`);
        assert.deepEqual(Object.keys(res.body).sort(), SEED_KEYS);
        assert.equal(res.body.status, 'Unauthorized');
        assert.equal(res.body.code, 4010);
        assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/);
      }
    }
  });

  it('the key of API_KEYS opens every route; the scheme is case-insensitive', async () => {
    for (const [method, path, body] of ROUTES) {
      const res = await send(anonymous, method, path, body, `bearer ${system.apiKey}`);
      assert.notEqual(res.status, 401, `${method} ${path}`);
      assert.ok(res.status < 500, `${method} ${path}: ${res.status}`);
    }
  });

  it('health, docs and the OpenAPI document need no key', async () => {
    for (const path of ['/healthz', '/openapi.json']) assert.equal((await anonymous.get(path)).status, 200, path);
  });

  it('a key made by the CLI works at once, is stored only as a hash, is listed without itself, and stops working once revoked', async () => {
    const { id, key } = await createKey(system.databaseUrl, 'lender one');
    assert.match(key, /^lsl_[A-Za-z0-9_-]{43}$/);
    const api = createApi(system.baseUrl, key);
    const created = await api.post('/v1/borrowers/CLI1/loans/L1/create', createLoanBody());
    assert.equal(created.status, 202, JSON.stringify(created.body));

    // Nothing in the database holds the key: every row of every table, as JSON.
    const client = new pg.Client({ connectionString: system.databaseUrl });
    await client.connect();
    try {
      const tables = await client.query<{ table_name: string }>("select table_name from information_schema.tables where table_schema = 'public'");
      for (const { table_name } of tables.rows) {
        const rows = await client.query(`select * from "${table_name}"`);
        const dump = JSON.stringify(rows.rows);
        assert.ok(!dump.includes(key) && !dump.includes(key.slice(10)), `table ${table_name} holds the key`);
      }
    } finally {
      await client.end();
    }

    const listed = await keysCli(system.databaseUrl, ['list', '--json']);
    assert.equal(listed.code, 0, listed.stderr);
    const rows = JSON.parse(listed.stdout);
    const row = rows.find((r: any) => r.id === id);
    assert.deepEqual({ name: row.name, prefix: row.prefix, revoked_at: row.revoked_at }, { name: 'lender one', prefix: key.slice(0, 8), revoked_at: null });
    assert.ok(!listed.stdout.includes(key));

    const revoked = await keysCli(system.databaseUrl, ['revoke', id]);
    assert.equal(revoked.code, 0, revoked.stderr);
    // The server re-reads its keys every API_KEY_CACHE_MS: the key stops working without a restart.
    let status = 0;
    for (let i = 0; i < 200 && status !== 401; i++) {
      status = (await api.get('/v1/borrowers/CLI1/get_history')).status;
      if (status !== 401) await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(status, 401);
    const again = await keysCli(system.databaseUrl, ['revoke', id]);
    assert.equal(again.code, 2, 'revoking a revoked key is an error');
    // The key of API_KEYS is untouched.
    assert.equal((await system.api.get('/v1/borrowers/CLI1/get_history')).status, 200);
  });

  it('the CLI refuses bad commands with its usage', async () => {
    for (const args of [[], ['create'], ['create', '--name', 'x', '--rate-limit', '-1'], ['revoke'], ['revoke', 'not-an-id'], ['frobnicate']]) {
      const res = await keysCli(system.databaseUrl, args);
      assert.equal(res.code, 2, `${args.join(' ')}: ${res.stderr}`);
      assert.match(res.stderr, /usage: npm run keys/);
    }
  });

  for (const store of ['redis', 'postgres'] as const) {
    it(`a key's limit is shared by every server process (${store}): 429 with Retry-After in the seed body`, async () => {
      const env = { RATE_LIMIT_STORE: store, RATE_LIMIT_WINDOW_SECONDS: '60' };
      const [a, b] = await Promise.all([system.startServer(env), system.startServer(env)]);
      const { key } = await createKey(system.databaseUrl, `limited ${store}`, 4);
      const apis = [createApi(a.baseUrl, key), createApi(b.baseUrl, key)];
      const statuses: number[] = [];
      let limited: Awaited<ReturnType<Api['get']>> | undefined;
      for (let i = 0; i < 10; i++) {
        const res = await apis[i % 2]!.get('/v1/configs/loans/DEFAULT');
        statuses.push(res.status);
        if (res.status === 429) limited ??= res;
      }
      // 4 per 60 s window over both processes together, not 4 each.
      assert.deepEqual(statuses, [200, 200, 200, 200, 429, 429, 429, 429, 429, 429]);
      assert.deepEqual(Object.keys(limited!.body).sort(), SEED_KEYS);
      assert.equal(limited!.body.code, 4290);
      assert.equal(limited!.body.context.limit, 4);
      const retryAfter = Number(limited!.headers.get('retry-after'));
      assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
      // Another key is not affected.
      assert.equal((await createApi(a.baseUrl, system.apiKey).get('/v1/configs/loans/DEFAULT')).status, 200);
      a.process.kill('SIGTERM');
      b.process.kill('SIGTERM');
    });
  }
});

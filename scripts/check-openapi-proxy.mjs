#!/usr/bin/env node
// `npm run check:prism`: the served /openapi.json checked by a second implementation of
// OpenAPI, Stoplight Prism, as a validating proxy (docs/api.md, "Checking the document with
// Prism"). It starts the system as `npm start` does (on an ephemeral port, a fresh database,
// WORKER_PROCESSES=0), starts `prism proxy <served document> <server>` in front of it, and
// replays through Prism every request the docs show (README and docs/*.md) and every route's
// example body, then the typical error requests; the webhook deliveries the run causes are
// checked against the document's `webhooks` with Prism's validator. Every violation Prism
// reports, in either direction, is printed, and the exit code is 1 if there is any.
//
// Two Prism instances: a strict one (`--errors`: a request or response violation turns the
// answer into Prism's own 422/500) for the correct requests, and a reporting one (violations
// only in the `sl-violations` header) for the deliberately wrong requests, which Prism must
// flag on the request side while the server's answer must still match the document.
//
// Environment: TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), a role
// that may create databases: the run makes its own and drops it. REDIS_URL: the queues' Redis;
// unset, the queues live in that Postgres. PRISM_CHECK_VERBOSE=1 prints each exchange.
// `--from-source` runs the server from its TypeScript sources (as the end-to-end tests do)
// instead of `npm start`'s build: test/prism-proxy.test.ts uses it. `--document <file>` gives
// Prism that document instead of the served one (an edited copy, checked against the server
// before the schemas change; the test shows a violation is caught this way). `--fail-fast`
// stops the replay at the first violation.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const verbose = process.env.PRISM_CHECK_VERBOSE === '1';
const fromSource = process.argv.includes('--from-source');
const failFast = process.argv.includes('--fail-fast');
const documentFile = process.argv.includes('--document') ? process.argv[process.argv.indexOf('--document') + 1] : undefined;
const adminUrl = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const PRISM_ERROR = 'https://stoplight.io/prism/errors#';

const children = [];
const cleanups = [];
const log = (...args) => console.log(...args);

/** Spawns a process whose output lines go to `onLine`; ended by `stopAll`. */
function start(name, args, env) {
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = [];
  const listeners = new Set();
  let tail = '';
  const onData = (d) => {
    tail += d.toString();
    const parts = tail.split('\n');
    tail = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      for (const l of listeners) l(line);
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const proc = {
    name,
    child,
    lines,
    /** The first line `match` accepts (returning a value), within `ms`. */
    waitFor(match, ms) {
      return new Promise((resolve, reject) => {
        for (const line of lines) {
          const v = match(line);
          if (v) return resolve(v);
        }
        const timer = setTimeout(() => done(new Error(`${name}: nothing after ${ms / 1000} s; last lines:\n${lines.slice(-20).join('\n')}`)), ms);
        const onExit = (code) => done(new Error(`${name} exited (${code}); last lines:\n${lines.slice(-30).join('\n')}`));
        const listener = (line) => {
          const v = match(line);
          if (v) done(null, v);
        };
        const done = (err, v) => {
          clearTimeout(timer);
          listeners.delete(listener);
          child.off('exit', onExit);
          err ? reject(err) : resolve(v);
        };
        listeners.add(listener);
        child.once('exit', onExit);
      });
    },
  };
  children.push(proc);
  return proc;
}

async function stopAll() {
  await Promise.all(children.map(async ({ child }) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await once(child, 'exit');
    clearTimeout(timer);
  }));
  for (const c of cleanups.reverse()) await c().catch((e) => console.error(`clean-up: ${e.message}`));
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

const jsonLine = (line) => {
  try {
    return JSON.parse(line);
  } catch {
    return null;
  }
};

// ---------------------------------------------------------------------------------------------
// The system and the two proxies.

async function startSystem() {
  const dbName = `lsl_prism_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  cleanups.push(async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await c.end();
  });
  const databaseUrl = new URL(adminUrl);
  databaseUrl.pathname = `/${dbName}`;
  const apiKey = `prism-check-${randomBytes(12).toString('hex')}`;
  const prefix = `lslprism${randomBytes(3).toString('hex')}`;
  if (process.env.REDIS_URL) {
    // The run's queue and rate-limit keys go with it.
    cleanups.push(async () => {
      const redis = new Redis(process.env.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
      try {
        await redis.connect();
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
          cursor = next;
          if (keys.length > 0) await redis.del(...keys);
        } while (cursor !== '0');
      } finally {
        redis.disconnect();
      }
    });
  }
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl.toString(),
    PORT: '0',
    HOST: '127.0.0.1',
    WORKER_PROCESSES: '0',
    QUEUE_PREFIX: prefix,
    API_KEYS: apiKey,
    RATE_LIMIT_REQUESTS: '0',
    DASHBOARD_PASSWORD: randomBytes(8).toString('hex'),
    // The server's own response checker too: its findings are reported beside Prism's.
    LSL_CHECK_RESPONSES: 'true',
    LOG_LEVEL: 'info',
    LOG_REQUESTS: 'false',
    // The run's webhook receiver is on loopback.
    WEBHOOKS_ALLOW_PRIVATE: 'true',
    WEBHOOKS_POLL_MS: '100',
  };
  const server = fromSource
    ? start('server', ['--conditions=source', '--import', 'tsx', 'apps/server/src/main.ts'], env)
    : start('npm start', ['scripts/start.mjs'], env);
  const listening = await server.waitFor((line) => {
    const entry = jsonLine(line);
    return entry?.message === 'listening' ? entry : null;
  }, 300_000);
  return { baseUrl: listening.url, apiKey, server };
}

async function startPrism(name, documentUrl, upstream, errors) {
  const cliDir = dirname(require.resolve('@stoplight/prism-cli/package.json'));
  const bin = join(cliDir, JSON.parse(readFileSync(join(cliDir, 'package.json'), 'utf8')).bin.prism);
  const port = await freePort();
  const args = [bin, 'proxy', documentUrl, upstream, '--port', String(port), '--host', '127.0.0.1', ...(errors ? ['--errors'] : [])];
  const prism = start(name, args, { ...process.env, SCARF_ANALYTICS: 'false', DO_NOT_TRACK: '1', FORCE_COLOR: '0' });
  await prism.waitFor((line) => line.includes('Prism is listening on'), 120_000);
  return { url: `http://127.0.0.1:${port}`, prism };
}

/** A receiver for the run's webhook subscriptions: the first delivery fails (503), the rest succeed; each body kept. */
async function startReceiver() {
  const received = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d.toString()));
    req.on('end', () => {
      received.push(body);
      res.writeHead(received.length === 1 ? 503 : 204).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  cleanups.push(() => new Promise((r) => server.close(r)));
  return { url: `http://127.0.0.1:${server.address().port}/hooks/ledger`, received };
}

// ---------------------------------------------------------------------------------------------
// Replaying requests and collecting what Prism says.

const violations = [];
const exchanges = [];
class FailFast extends Error {}

/** Prism's verdict on one exchange: its `sl-violations` header and its own error answers. */
function prismFindings(res, text) {
  const found = [];
  const header = res.headers.get('sl-violations');
  if (header) {
    try {
      for (const v of JSON.parse(header)) found.push({ location: (v.location ?? []).join('.'), severity: v.severity, message: v.message });
    } catch {
      found.push({ location: '', severity: 'Error', message: header });
    }
  }
  if ((res.headers.get('content-type') ?? '').includes('application/problem+json')) {
    const problem = jsonLine(text);
    if (typeof problem?.type === 'string' && problem.type.startsWith(PRISM_ERROR)) {
      const details = problem.validation ?? [];
      if (details.length === 0) found.push({ location: '', severity: 'Error', message: `Prism answered ${res.status} ${problem.type.slice(PRISM_ERROR.length)}: ${problem.detail ?? problem.title}` });
      for (const v of details) found.push({ location: (v.location ?? []).join('.'), severity: v.severity, message: `${v.message} (Prism answered ${res.status} ${problem.type.slice(PRISM_ERROR.length)})` });
    }
  }
  return found;
}

function makeClient(proxies, apiKey) {
  /**
   * One request through a proxy. `via`: 'strict' (correct requests: any finding is a violation)
   * or 'report' (wrong requests: findings on the request side are expected, at least one of them
   * is required, and none may be on the response side). `expect`: the statuses that make sense.
   */
  return async function call(label, method, path, { body, headers = {}, auth = true, expect, via = 'strict', rawBody } = {}) {
    const h = { accept: 'application/json', ...headers };
    if (auth) h.authorization = `Bearer ${apiKey}`;
    let payload;
    if (rawBody !== undefined) payload = rawBody;
    else if (body !== undefined) payload = JSON.stringify(body);
    if (payload !== undefined && !Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) h['content-type'] = 'application/json';
    const res = await fetch(proxies[via] + path, { method, headers: h, body: payload, redirect: 'manual' });
    const text = await res.text();
    const json = jsonLine(text);
    const findings = prismFindings(res, text);
    const problems = [];
    if (via === 'strict') problems.push(...findings.map((f) => `prism: ${f.location} ${f.message} [${f.severity}]`));
    else {
      if (!findings.some((f) => f.location.startsWith('request'))) problems.push('prism: a wrong request that Prism did not flag');
      problems.push(...findings.filter((f) => !f.location.startsWith('request')).map((f) => `prism: ${f.location} ${f.message} [${f.severity}]`));
    }
    if (expect && !expect.includes(res.status) && findings.length === 0) problems.push(`status ${res.status}, expected ${expect.join(' or ')}: ${text.slice(0, 300)}`);
    const exchange = { label, method, path, status: res.status, findings, problems, json, headers: res.headers };
    exchanges.push(exchange);
    for (const p of problems) violations.push(`${label}: ${method} ${path} -> ${res.status}: ${p}`);
    if (failFast && problems.length > 0) throw new FailFast();
    if (verbose) log(`  ${res.status} ${method} ${path}  (${label})${problems.length ? `  ${problems.length} problem(s)` : ''}`);
    return exchange;
  };
}

/** The example of a route's JSON request body in the served document. */
function exampleBody(doc, path, method) {
  const content = doc.paths[path]?.[method]?.requestBody?.content?.['application/json'];
  if (!content || !('example' in content)) throw new Error(`the document has no example body for ${method.toUpperCase()} ${path}`);
  return structuredClone(content.example);
}

/** Every route of the document with an example body: the replay must cover each of them. */
function routesWithExamples(doc) {
  const out = [];
  for (const [path, ops] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(ops))
      if (op?.requestBody?.content?.['application/json'] && 'example' in op.requestBody.content['application/json']) out.push(`${method.toUpperCase()} ${path}`);
  return out;
}

const WAIT = { prefer: 'wait=10' };
// fetch() adds `Cache-Control: no-cache` to a request with If-None-Match unless one is given,
// and no-cache rules out a 304; a client revalidating its copy sends max-age=0.
const conditional = (etag) => ({ 'if-none-match': etag, 'cache-control': 'max-age=0' });
const OK = [200, 201, 202, 204, 207];

async function replay(doc, call, receiverUrl) {
  const ex = (path, method = 'post') => exampleBody(doc, path, method);
  const covered = new Set();
  const op = async (label, template, params, opts) => {
    covered.add(`${opts.method ?? 'POST'} ${template}`);
    let path = template;
    for (const [k, v] of Object.entries(params)) path = path.replace(`{${k}}`, encodeURIComponent(v));
    return call(label, opts.method ?? 'POST', path + (opts.query ?? ''), opts);
  };
  const operationIds = new Set();
  const batchIds = new Set();
  const remember = (x) => {
    const id = x.json?.operation_id ?? (x.headers.get('location')?.match(/^\/v1\/operations\/(.+)$/)?.[1]);
    if (id) operationIds.add(id);
    const batch = x.json?.batch_id ?? (x.headers.get('location')?.match(/^\/v1\/batches\/(.+)$/)?.[1]);
    if (batch) batchIds.add(batch);
    return x;
  };

  // docs/operations.md: health, readiness, metrics, the document and its page.
  for (const p of ['/healthz', '/readyz', '/metrics', '/openapi.json', '/docs']) {
    covered.add(`GET ${p}`);
    await call(`operations.md ${p}`, 'GET', p, { auth: false, expect: [200], headers: { accept: p === '/metrics' ? 'text/plain' : p === '/docs' ? 'text/html' : 'application/json' } });
  }

  // Configs: each kind's example, then read back (api-reference.md).
  for (const kind of ['loans', 'payments', 'waivers', 'consolidations', 'restructurings']) {
    const t = `/v1/configs/${kind}/{config_id}`;
    await op(`example PUT ${kind} config`, t, { config_id: 'PRISM' }, { method: 'PUT', body: ex(t, 'put'), expect: [200, 201] });
    const read = await op(`GET ${kind} config`, t, { config_id: 'PRISM' }, { method: 'GET', expect: [200] });
    await op(`GET ${kind} config version`, t, { config_id: 'PRISM' }, { method: 'GET', query: '?version=1', expect: [200] });
    const etag = read.headers.get('etag');
    if (etag) await op(`GET ${kind} config If-None-Match`, t, { config_id: 'PRISM' }, { method: 'GET', headers: conditional(etag), expect: [304] });
  }

  // A subscription to every event type the document's `webhooks` declares, before any
  // operation: each delivery this run causes is checked against its schema at the end.
  await call('subscribe to every event type', 'POST', '/v1/webhooks', { body: { url: receiverUrl, events: Object.keys(doc.webhooks ?? {}), description: 'check:prism' }, expect: [201] });

  // README "Try it", as written (a create loan, then get_status).
  const tryIt = {
    loan: { amount_financed: 1200000, config_id: 'DEFAULT', delinquency_interest_rate: 0.3848, due_dates: ['2024-02-15T23:59:59.999999-05:00', '2024-03-15T23:59:59.999999-05:00'], installment_fee_charge: 60000, interest_rate: 0.3848, origination_date: '2024-01-15T00:00:00-05:00', owner: 'BANK_1' },
    occurred_on: '2024-01-15T10:15:20-05:00',
    request_id: 'r1',
  };
  const createT = '/v1/borrowers/{borrower_id}/loans/{loan_id}/create';
  remember(await op('README create loan', createT, { borrower_id: 'b1', loan_id: 'loan1' }, { query: '?is_migration=true', headers: { prefer: 'wait=5' }, body: tryIt, expect: [200] }));
  await call('README get_status', 'GET', '/v1/borrowers/b1/get_status?calculation_date=2024-03-01', { expect: [200] });
  // The same create without Prefer: wait is the 202 of docs/api.md "Accepted" (a replay here).
  remember(await op('api.md 202 Accepted', createT, { borrower_id: 'b1', loan_id: 'loan1' }, { query: '?is_migration=true', body: tryIt, expect: [202] }));

  // Each operation's example body, on a borrower of its own so that each applies to a fresh loan.
  const loan = ex(createT);
  const create = async (b, l, body = loan) => remember(await op(`example create loan ${b}/${l}`, createT, { borrower_id: b, loan_id: l }, { query: '?is_migration=true', headers: WAIT, body, expect: [200] }));
  const single = async (label, template, params, body, expect = [200]) => remember(await op(label, template, params, { query: '?is_migration=true', headers: WAIT, body, expect }));

  await create('PW', 'L1');
  await single('example waiver', '/v1/borrowers/{borrower_id}/loans/{loan_id}/waivers/{waiver_id}/create', { borrower_id: 'PW', loan_id: 'L1', waiver_id: 'W1' }, ex('/v1/borrowers/{borrower_id}/loans/{loan_id}/waivers/{waiver_id}/create'));

  await create('PP', 'L1');
  await single('example payment', '/v1/borrowers/{borrower_id}/payments/{payment_id}/create', { borrower_id: 'PP', payment_id: 'P1' }, ex('/v1/borrowers/{borrower_id}/payments/{payment_id}/create'));
  await single('example reimbursement', '/v1/borrowers/{borrower_id}/reimbursements/{reimbursement_id}/create', { borrower_id: 'PP', reimbursement_id: 'R1' }, ex('/v1/borrowers/{borrower_id}/reimbursements/{reimbursement_id}/create'));
  await single('example payment reversal', '/v1/borrowers/{borrower_id}/payments/{payment_id}/reverse', { borrower_id: 'PP', payment_id: 'P1' }, ex('/v1/borrowers/{borrower_id}/payments/{payment_id}/reverse'));

  await create('PC', 'L1');
  await single('example cancel loan', '/v1/borrowers/{borrower_id}/loans/{loan_id}/cancel', { borrower_id: 'PC', loan_id: 'L1' }, ex('/v1/borrowers/{borrower_id}/loans/{loan_id}/cancel'));
  await single('example cancellation reversal', '/v1/borrowers/{borrower_id}/loans/{loan_id}/cancellation/revert', { borrower_id: 'PC', loan_id: 'L1' }, ex('/v1/borrowers/{borrower_id}/loans/{loan_id}/cancellation/revert'));

  await create('PK', 'L1');
  await create('PK', 'L2');
  await single('example consolidation', '/v1/borrowers/{borrower_id}/loans/consolidations/{consolidation_id}/create', { borrower_id: 'PK', consolidation_id: 'C1' }, ex('/v1/borrowers/{borrower_id}/loans/consolidations/{consolidation_id}/create'));
  // The two examples are not one story (the cancel's occurred_on is before the consolidation's
  // effective_date): recorded now (no is_migration), the cancel comes after the consolidation.
  const cancelConsolidationT = '/v1/borrowers/{borrower_id}/loans/consolidations/{consolidation_id}/cancel';
  remember(await op('example consolidation cancellation', cancelConsolidationT, { borrower_id: 'PK', consolidation_id: 'C1' }, { headers: WAIT, body: ex(cancelConsolidationT), expect: [200] }));

  await create('PR', 'L1');
  await single('example restructuring', '/v1/borrowers/{borrower_id}/loans/{loan_id}/restructurings/{restructuring_id}/create', { borrower_id: 'PR', loan_id: 'L1', restructuring_id: 'RS1' }, ex('/v1/borrowers/{borrower_id}/loans/{loan_id}/restructurings/{restructuring_id}/create'));

  await create('PX', 'L1');
  await single('example balance adjustment', '/v1/borrowers/{borrower_id}/loans/{loan_id}/adjustments/{adjustment_id}/create', { borrower_id: 'PX', loan_id: 'L1', adjustment_id: 'A1' }, ex('/v1/borrowers/{borrower_id}/loans/{loan_id}/adjustments/{adjustment_id}/create'), [200, 409, 422]);
  await single('example charge-off', '/v1/borrowers/{borrower_id}/loans/{loan_id}/charge_off', { borrower_id: 'PX', loan_id: 'L1' }, ex('/v1/borrowers/{borrower_id}/loans/{loan_id}/charge_off'));

  await create('PO', 'L1');
  const payoffT = '/v1/borrowers/{borrower_id}/loans/{loan_id}/payoff';
  await op('reads.md payoff quote', payoffT, { borrower_id: 'PO', loan_id: 'L1' }, { method: 'GET', query: '?date=2024-03-01', expect: [200] });
  await single('example payoff', '/v1/borrowers/{borrower_id}/loans/{loan_id}/payoffs/{payoff_id}/create', { borrower_id: 'PO', loan_id: 'L1', payoff_id: 'PO1' }, ex('/v1/borrowers/{borrower_id}/loans/{loan_id}/payoffs/{payoff_id}/create'), [200, 409]);

  // A promise to pay on a loan of its own, then its cancellation (docs/ledger.md "Promise to pay").
  await create('PM', 'L1');
  const promiseT = '/v1/borrowers/{borrower_id}/promises/{promise_id}';
  await single('example promise to pay', `${promiseT}/create`, { borrower_id: 'PM', promise_id: 'PR1' }, ex(`${promiseT}/create`));
  await single('example promise cancellation', `${promiseT}/cancel`, { borrower_id: 'PM', promise_id: 'PR1' }, ex(`${promiseT}/cancel`));

  // The batch routes' examples name B1/L1 and B2/L7: those loans first.
  await create('B1', 'L1');
  await create('B2', 'L7');
  for (const t of ['/v1/borrowers/loans/transfer_ownership', '/v1/borrowers/loans/cancel', '/v1/borrowers/loans/restructurings/create', '/v1/operations/batch']) {
    remember(await op(`example ${t}`, t, {}, { query: '?is_migration=true', headers: WAIT, body: ex(t), expect: [202, 207] }));
  }

  // Simulations (reads.md).
  await op('example simulate loans', '/v1/borrowers/loans/simulate', {}, { body: ex('/v1/borrowers/loans/simulate'), expect: [207] });
  await op('example simulate borrower', '/v1/borrowers/{borrower_id}/simulate', { borrower_id: 'PW' }, { body: ex('/v1/borrowers/{borrower_id}/simulate'), expect: [200] });

  // Webhooks (webhooks.md): the doc's curl and the route's example, each with this run's
  // receiver for `https://lender.example/...` (a subscription's host must resolve).
  const hooksDoc = await call('webhooks.md curl subscribe', 'POST', '/v1/webhooks', {
    body: { url: receiverUrl, events: ['operation.succeeded', 'operation.failed', 'batch.completed', 'payment.applied'], description: 'ledger events' },
    expect: [201],
  });
  covered.add('POST /v1/webhooks');
  const hookBody = ex('/v1/webhooks');
  const hook = await call('example subscribe (loopback receiver)', 'POST', '/v1/webhooks', { body: { ...hookBody, url: receiverUrl }, expect: [201] });
  const hookId = hook.json?.id ?? hooksDoc.json?.id;
  // Something to deliver: a payment on a fresh borrower.
  await create('PH', 'L1');
  await single('payment for a delivery', '/v1/borrowers/{borrower_id}/payments/{payment_id}/create', { borrower_id: 'PH', payment_id: 'P1' }, ex('/v1/borrowers/{borrower_id}/payments/{payment_id}/create'));
  if (hookId) {
    const hooksT = '/v1/webhooks/{id}';
    await call('GET webhooks', 'GET', '/v1/webhooks', { expect: [200] });
    covered.add('GET /v1/webhooks');
    await call('GET webhooks limit', 'GET', '/v1/webhooks?limit=1', { expect: [200] });
    await op('GET webhook', hooksT, { id: hookId }, { method: 'GET', expect: [200] });
    await op('example PATCH webhook', hooksT, { id: hookId }, { method: 'PATCH', body: ex(hooksT, 'patch'), expect: [200] });
    const deliveriesT = '/v1/webhooks/{id}/deliveries';
    let deliveryId;
    for (let i = 0; i < 100 && !deliveryId; i++) {
      const d = await op('GET deliveries', deliveriesT, { id: hookId }, { method: 'GET', expect: [200] });
      deliveryId = d.json?.deliveries?.find((x) => x.attempt_count > 0)?.id;
      if (!deliveryId) await new Promise((r) => setTimeout(r, 200));
    }
    await op('GET deliveries ?status=', deliveriesT, { id: hookId }, { method: 'GET', query: '?status=delivered&limit=2', expect: [200] });
    if (deliveryId) await op('example retry delivery', '/v1/webhooks/{id}/deliveries/{delivery_id}/retry', { id: hookId, delivery_id: deliveryId }, { body: ex('/v1/webhooks/{id}/deliveries/{delivery_id}/retry'), expect: [202] });
    else violations.push('webhooks: no delivery was attempted within 20 s, so the retry route was not replayed');
    if (hooksDoc.json?.id) await op('DELETE webhook', hooksT, { id: hooksDoc.json.id }, { method: 'DELETE', expect: [204] });
  }

  // Reads (reads.md, events.md), on borrowers with some history.
  for (const b of ['PW', 'PP', 'PC', 'PK', 'PR', 'PX', 'PO', 'B1', 'b1']) {
    await call(`reads.md get_status ${b}`, 'GET', `/v1/borrowers/${b}/get_status?calculation_date=2024-03-01`, { expect: [200] });
    await call(`reads.md get_status ${b} today`, 'GET', `/v1/borrowers/${b}/get_status`, { expect: [200] });
    const h = await call(`reads.md get_history ${b}`, 'GET', `/v1/borrowers/${b}/get_history?limit=2`, { expect: [200] });
    const cursor = h.json?.next_cursor;
    if (cursor) await call(`reads.md get_history ${b} next page`, 'GET', `/v1/borrowers/${b}/get_history?limit=2&cursor=${encodeURIComponent(cursor)}`, { expect: [200] });
    await call(`events.md get_events ${b}`, 'GET', `/v1/borrowers/${b}/get_events`, { expect: [200] });
  }
  await call('events.md get_events filtered', 'GET', '/v1/borrowers/PP/get_events?type=payment_applied&from_date=2020-01-01&to_date=2024-12-31&limit=5', { expect: [200] });
  await call('reads.md get_history calculation_date', 'GET', '/v1/borrowers/PP/get_history?calculation_date=2024-03-01&offset=0', { expect: [200] });
  await call('reads.md get_status request_id', 'GET', '/v1/borrowers/PW/get_status?calculation_date=2024-03-01&request_id=q1', { expect: [200] });
  await call('reads.md get_summary', 'GET', '/v1/borrowers/loans/get_summary', { expect: [200] });
  const s = await call('reads.md get_summary filtered', 'GET', '/v1/borrowers/loans/get_summary?owner=BANK_1&min_days_past_due=0&max_days_past_due=5000&is_cancelled=false&is_charged_off=false&limit=2', { expect: [200] });
  if (s.json?.next_cursor) await call('reads.md get_summary next page', 'GET', `/v1/borrowers/loans/get_summary?owner=BANK_1&limit=2&cursor=${encodeURIComponent(s.json.next_cursor)}`, { expect: [200] });
  await call('reads.md get_summary bucket', 'GET', '/v1/borrowers/loans/get_summary?delinquency_bucket=181%2B', { expect: [200] });
  await call('reads.md aging', 'GET', '/v1/portfolio/aging', { expect: [200] });
  await call('reads.md aging owner', 'GET', '/v1/portfolio/aging?owner=BANK_1', { expect: [200] });
  covered.add('GET /v1/borrowers/{borrower_id}/get_status').add('GET /v1/borrowers/{borrower_id}/get_history').add('GET /v1/borrowers/{borrower_id}/get_events');
  covered.add('GET /v1/borrowers/loans/get_summary').add('GET /v1/portfolio/aging');

  // Statuses of everything submitted (api.md "Statuses"), and one conditional read.
  for (const id of operationIds) await call('api.md operation status', 'GET', `/v1/operations/${id}`, { expect: [200] });
  for (const id of batchIds) await call('api.md batch status', 'GET', `/v1/batches/${id}`, { expect: [202, 207] });
  covered.add('GET /v1/operations/{id}').add('GET /v1/batches/{id}');
  const first = [...operationIds][0];
  if (first) {
    const x = await call('operation status', 'GET', `/v1/operations/${first}`, { expect: [200] });
    const etag = x.headers.get('etag');
    if (etag) await call('operation status If-None-Match', 'GET', `/v1/operations/${first}`, { headers: conditional(etag), expect: [304] });
  }

  // Typical error answers of correct requests (api.md "Errors").
  await call('unknown borrower 404', 'GET', '/v1/borrowers/nobody/get_status', { expect: [404] });
  await call('unknown loan 404', 'GET', '/v1/borrowers/PO/loans/nope/payoff', { expect: [404] });
  await call('unknown operation 404', 'GET', '/v1/operations/00000000-0000-4000-8000-000000000000', { expect: [404] });
  await call('unknown config 404', 'GET', '/v1/configs/loans/NOPE', { expect: [404] });
  await call('natural key reused 409', 'POST', '/v1/borrowers/PW/loans/L1/create?is_migration=true', { body: { ...loan, request_id: 'another' }, expect: [409] });
  const key = `prism-${randomBytes(4).toString('hex')}`;
  await call('Idempotency-Key first', 'POST', '/v1/borrowers/PI/loans/L1/create?is_migration=true', { headers: { 'idempotency-key': key }, body: loan, expect: [202] });
  await call('Idempotency-Key replay', 'POST', '/v1/borrowers/PI/loans/L1/create?is_migration=true', { headers: { 'idempotency-key': key }, body: loan, expect: [202] });
  await call('Idempotency-Key reused 422', 'POST', '/v1/borrowers/PI/loans/L2/create?is_migration=true', { headers: { 'idempotency-key': key }, body: loan, expect: [422] });
  // A key of the right form that the server does not know: the document cannot tell, the server does.
  await call('unknown key 401', 'POST', '/v1/borrowers/B9/loans/L1/create', { auth: false, headers: { authorization: 'Bearer not-a-key-of-this-server' }, body: loan, expect: [401] });
  await call('ledger refusal (reverse an unknown payment)', 'POST', '/v1/borrowers/PW/payments/NOPE/reverse?is_migration=true', { headers: WAIT, body: ex('/v1/borrowers/{borrower_id}/payments/{payment_id}/reverse'), expect: [404, 409, 422] });

  // Wrong requests: Prism must flag each on the request side; the server's answer must match the document.
  await call('bad body 400', 'POST', '/v1/borrowers/B9/loans/L1/create', { via: 'report', body: { ...loan, loan: { ...loan.loan, amount_financed: 'lots' } }, expect: [400] });
  await call('missing body field 400', 'POST', '/v1/borrowers/B9/payments/P1/create', { via: 'report', body: { occurred_on: '2024-01-01T00:00:00Z' }, expect: [400] });
  await call('bad query 400', 'GET', '/v1/borrowers/PW/get_status?calculation_date=yesterday', { via: 'report', expect: [400] });
  await call('missing key 401', 'GET', '/v1/borrowers/PW/get_status', { via: 'report', auth: false, expect: [401] });

  await call('not JSON 415', 'POST', '/v1/borrowers/B9/loans/L1/create', { via: 'report', headers: { 'content-type': 'text/plain' }, rawBody: 'hello', expect: [415] });

  const missing = routesWithExamples(doc).filter((r) => !covered.has(r));
  for (const r of missing) violations.push(`coverage: the example of ${r} was not replayed`);
}

// ---------------------------------------------------------------------------------------------

/**
 * Prism skips a schema it cannot compile and then accepts anything (a failed compile is not
 * reported). So each JSON body schema of the document is checked to reject a value no schema
 * accepts, through Prism's own body validator: one that does not is a schema Prism ignores.
 */
function schemasPrismIgnores(operations) {
  const httpDir = dirname(require.resolve('@stoplight/prism-http/package.json', { paths: [dirname(require.resolve('@stoplight/prism-cli/package.json'))] }));
  const { validateBody } = require(join(httpDir, 'dist/validator/validators/index.js'));
  const ignored = [];
  let checked = 0;
  const probe = Symbol('no schema accepts this');
  for (const operation of operations) {
    const bundle = operation.__bundled__;
    const check = (what, contents, context) => {
      for (const content of contents ?? []) {
        if (!content.schema || !/json/.test(content.mediaType)) continue;
        checked += 1;
        const result = validateBody(probe, [content], context, content.mediaType, undefined, bundle);
        if (result._tag === 'Right') ignored.push(`${operation.method.toUpperCase()} ${operation.path} ${what} (${content.mediaType})`);
      }
    };
    check('request body', operation.request?.body?.contents, 0);
    for (const r of operation.responses ?? []) check(`response ${r.code}`, r.contents, 1);
  }
  return { ignored, checked };
}

const started = Date.now();
/**
 * Prism proxies HTTP requests, so it never sees a webhook delivery; it does read the document's
 * `webhooks` (as operations of their own). Each delivery the run's receiver got is checked with
 * Prism's body validator against the schema of its event type there.
 */
async function checkDeliveries(documentUrl, received) {
  const prismHttp = createRequire(require.resolve('@stoplight/prism-http/package.json', { paths: [dirname(require.resolve('@stoplight/prism-cli/package.json'))] }));
  const { transformOas3WebhookOperations } = prismHttp('@stoplight/http-spec/oas3/operation');
  const $RefParser = prismHttp('@stoplight/json-schema-ref-parser');
  const { decycle, bundleTarget } = prismHttp('@stoplight/json');
  const { validateBody } = prismHttp('./dist/validator/validators/index.js');
  const document = decycle(await new $RefParser().dereference(documentUrl));
  const hooks = new Map();
  for (const op of transformOas3WebhookOperations(document)) {
    const bundled = bundleTarget({ document: { ...document, __target__: op }, path: '#/__target__', cloneDocument: false });
    hooks.set(op.name, bundled);
  }
  const problems = [];
  // As for the routes' schemas: one that lets anything through is one Prism could not compile.
  for (const [name, hook] of hooks) {
    const contents = (hook.request?.body?.contents ?? []).filter((c) => c.schema);
    if (contents.length === 0 || validateBody(Symbol('no schema accepts this'), contents, 0, 'application/json', undefined, hook.__bundled__)._tag === 'Right') problems.push(`prism cannot use the schema of webhook ${name}`);
  }
  const types = new Set();
  for (const raw of received) {
    const body = jsonLine(raw);
    const hook = hooks.get(body?.type);
    if (!hook) {
      problems.push(`webhook delivery of type ${body?.type}: the document's webhooks have no such event (${raw.slice(0, 200)})`);
      continue;
    }
    types.add(body.type);
    const result = validateBody(body, hook.request?.body?.contents ?? [], 0, 'application/json', undefined, hook.__bundled__);
    if (result._tag === 'Left') for (const v of result.left) problems.push(`webhook delivery ${body.type}: ${(v.path ?? []).join('.')} ${v.message}`);
  }
  return { problems, types, names: [...hooks.keys()] };
}

async function main() {
  const t = () => `${Math.round((Date.now() - started) / 1000)} s`;

  log(`# check:prism: starting the system (${fromSource ? 'the server from its sources' : 'npm start, WORKER_PROCESSES=0'}, a fresh database)`);
  const { baseUrl, apiKey, server } = await startSystem();
  log(`# server at ${baseUrl} (${t()})`);
  const documentUrl = documentFile ?? `${baseUrl}/openapi.json`;
  const doc = documentFile ? JSON.parse(readFileSync(documentFile, 'utf8')) : await (await fetch(documentUrl)).json();
  const [strict, report] = await Promise.all([startPrism('prism --errors', documentUrl, baseUrl, true), startPrism('prism', documentUrl, baseUrl, false)]);
  const prismVersion = JSON.parse(readFileSync(require.resolve('@stoplight/prism-cli/package.json'), 'utf8')).version;
  log(`# Prism ${prismVersion}: validating proxies at ${strict.url} (--errors) and ${report.url} (reporting) (${t()})`);

  const { getHttpOperationsFromSpec } = require(require.resolve('@stoplight/prism-http', { paths: [dirname(require.resolve('@stoplight/prism-cli/package.json'))] }));
  const operations = await getHttpOperationsFromSpec(documentUrl);
  const { ignored, checked } = schemasPrismIgnores(operations);
  if (checked === 0) violations.push('no JSON body schema found in the document as Prism reads it');
  for (const s of ignored) violations.push(`prism cannot use the schema of ${s}: it does not compile in Prism's validator, or accepts anything`);
  log(`# ${checked} JSON body schemas compiled by Prism's validator, ${ignored.length} unusable`);

  const receiver = await startReceiver();
  const receiverUrl = receiver.url;
  const call = makeClient({ strict: strict.url, report: report.url }, apiKey);
  let stopped = false;
  try {
    await replay(doc, call, receiverUrl);
  } catch (e) {
    if (!(e instanceof FailFast)) throw e;
    stopped = true;
    log('# --fail-fast: the replay stopped at the first violation');
  }

  // The deliveries: wait until no new one has come for 3 s (at most 30 s), then check them.
  for (let last = -1, quiet = 0, i = 0; !stopped && i < 60 && quiet < 6; i++) {
    quiet = receiver.received.length === last ? quiet + 1 : 0;
    last = receiver.received.length;
    await new Promise((r) => setTimeout(r, 500));
  }
  const deliveries = await checkDeliveries(documentUrl, receiver.received);
  violations.push(...deliveries.problems);
  const unseen = deliveries.names.filter((n) => !deliveries.types.has(n));
  log(`# ${receiver.received.length} webhook deliveries received, of ${deliveries.types.size} of the document's ${deliveries.names.length} event types (none of ${unseen.join(', ') || '-'}), checked by Prism's validator`);

  // The server's own checker (LSL_CHECK_RESPONSES) on the same traffic.
  for (const line of server.lines) {
    const entry = jsonLine(line);
    if (entry?.message === 'response violates the OpenAPI document') violations.push(`server's response checker: ${entry.method} ${entry.url} -> ${entry.status}: ${(entry.problems ?? []).join('; ')}`);
  }

  const routes = new Set(exchanges.map((e) => e.method + ' ' + e.path.split('?')[0]));
  log(`# ${exchanges.length} requests replayed (${routes.size} distinct paths, ${operations.length} operations in the document), ${Math.round((Date.now() - started) / 1000)} s`);
  if (violations.length === 0) {
    log('# no violation: Prism and the server\'s response checker agree with every exchange');
    return 0;
  }
  log(`# ${violations.length} violation(s):`);
  for (const v of violations) log(`- ${v}`);
  return 1;
}

let code = 1;
try {
  code = await main();
} catch (e) {
  console.error(`check:prism failed: ${e.stack ?? e}`);
} finally {
  await stopAll();
}
process.exit(code);

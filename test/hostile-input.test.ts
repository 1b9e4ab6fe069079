import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { exampleRequest } from '@lsl/contracts';
import { createLoanBody, paymentBody, startSystem, type ApiResponse, type System } from './helpers.js';

const SEED_KEYS = ['code', 'context', 'error', 'status'];
const LONG_ID = 'x'.repeat(129);

function assertSeedError(res: ApiResponse, status: number, what: string): void {
  assert.equal(res.status, status, `${what}: ${JSON.stringify(res.body)}`);
  assert.deepEqual(Object.keys(res.body).sort(), SEED_KEYS, what);
  assert.doesNotMatch(JSON.stringify(res.body), /\n\s+at |node_modules|\.ts:\d+/, `${what}: no stack trace`);
}

/** A 400 whose `context.fields` names `field`. */
function assertRefused(res: ApiResponse, field: string, what = field): void {
  assertSeedError(res, 400, what);
  assert.ok(field in (res.body.context.fields ?? {}), `${what}: expected field ${field} in ${JSON.stringify(res.body.context)}`);
}

const clone = <T>(value: T): T => structuredClone(value);

describe('hostile input: the bounds of the ledger are 400 at intake', () => {
  let system: System;
  before(async () => {
    system = await startSystem({ serverWorkerConcurrency: 2 });
  });
  after(() => system?.stop());

  const loanPath = (b = 'H1', l = 'L1') => `/v1/borrowers/${b}/loans/${l}/create`;

  it('create loan: amounts, rates, dates, due dates and ids out of bounds', async () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['amount over 10^13', { amount_financed: 10_000_000_000_000.01 }, 'loan.amount_financed'],
      ['amount 1e308', { amount_financed: 1e308 }, 'loan.amount_financed'],
      ['amount with 3 decimals', { amount_financed: 1200000.005 }, 'loan.amount_financed'],
      ['amount 1e-7', { amount_financed: 1e-7 }, 'loan.amount_financed'],
      ['fee with 3 decimals', { installment_fee_charge: 0.001 }, 'loan.installment_fee_charge'],
      ['rate over 100', { interest_rate: 100.01 }, 'loan.interest_rate'],
      ['rate 10^10', { delinquency_interest_rate: 1e10 }, 'loan.delinquency_interest_rate'],
      ['origination before 1900', { origination_date: '1899-12-31T00:00:00-05:00', due_dates: ['1900-02-01T00:00:00-05:00'] }, 'loan.origination_date'],
      ['due date after 2200', { due_dates: ['2024-02-15T23:59:59-05:00', '2201-01-15T23:59:59-05:00'] }, 'loan.due_dates[1]'],
      ['due date in year 0001', { due_dates: ['0001-02-15T23:59:59-05:00'] }, 'loan.due_dates[0]'],
      ['601 due dates', { due_dates: Array.from({ length: 601 }, (_, i) => new Date(Date.UTC(2024, 1, 15 + i)).toISOString()) }, 'loan.due_dates'],
      ['config id of 129 characters', { config_id: LONG_ID }, 'loan.config_id'],
      ['owner of 129 characters', { owner: LONG_ID }, 'loan.owner'],
    ];
    for (const [what, loan, field] of cases) {
      assertRefused(await system.api.post(loanPath(), createLoanBody({}, loan)), field, what);
    }
    assertRefused(await system.api.post(loanPath(), createLoanBody({ request_id: LONG_ID })), 'request_id', 'request_id of 129 characters');
    assertRefused(await system.api.post(loanPath(), createLoanBody({ occurred_on: '2201-01-01T00:00:00Z' })), 'occurred_on', 'occurred_on after 2200');
    assertRefused(await system.api.post(loanPath(LONG_ID), createLoanBody()), 'borrower_id', 'borrower id of 129 characters');
    assertRefused(await system.api.post(loanPath('H1', LONG_ID), createLoanBody()), 'loan_id', 'loan id of 129 characters');
  });

  it('the largest values inside the bounds are accepted and the ledger answers for them', async () => {
    const body = createLoanBody({}, { amount_financed: 10_000_000_000_000, interest_rate: 100, delinquency_interest_rate: 100, installment_fee_charge: 9_999_999_999_999.99 });
    const accepted = await system.api.post(loanPath('EDGE', 'L1'), body);
    assert.equal(accepted.status, 202, JSON.stringify(accepted.body));
    const done = await system.api.waitForOperation(accepted.body.operation_id);
    assert.ok(['succeeded', 'failed'].includes(done.status));
    const status = await system.api.get('/v1/borrowers/EDGE/get_status?calculation_date=2200-12-31');
    assert.ok(status.status === 200 || status.status === 404, JSON.stringify(status.body).slice(0, 300));
    const history = await system.api.get('/v1/borrowers/EDGE/get_history?limit=1000');
    assert.ok(history.status === 200 || history.status === 404);
  });

  it('payment, waiver, consolidation, cancellation and transfer: the same bounds', async () => {
    const pay = (b: unknown) => system.api.post('/v1/borrowers/H1/payments/P1/create', b);
    assertRefused(await pay(paymentBody(10_000_000_000_000.01, '2024-02-01', 'p')), 'payment.amount_paid');
    assertRefused(await pay(paymentBody(10.001, '2024-02-01', 'p')), 'payment.amount_paid');
    assertRefused(await pay({ ...paymentBody(10, '2024-02-01', 'p'), payment_allocations: [{ loan_id: 'L1', amount: 10.001 }] }), 'payment_allocations[0].amount');
    assertRefused(await pay({ ...paymentBody(10, '2024-02-01', 'p'), payment_allocations: [{ loan_id: LONG_ID, amount: 10 }] }), 'payment_allocations[0].loan_id');
    assertRefused(await pay(paymentBody(10, '2201-02-01', 'p')), 'payment.payment_date');

    const waiver = clone(exampleRequest('create_waiver').body) as any;
    waiver.waiver.type = 'amount';
    waiver.waiver.amount = 1.005;
    assertRefused(await system.api.post('/v1/borrowers/H1/loans/L1/waivers/W1/create', waiver), 'waiver.amount');
    waiver.waiver.amount = 1;
    waiver.waiver.effective_date = '1850-01-01T00:00:00Z';
    assertRefused(await system.api.post('/v1/borrowers/H1/loans/L1/waivers/W1/create', waiver), 'waiver.effective_date');
    assertRefused(await system.api.post(`/v1/borrowers/H1/loans/L1/waivers/${LONG_ID}/create`, exampleRequest('create_waiver').body), 'waiver_id');

    const consolidation = clone(exampleRequest('create_consolidation').body) as any;
    consolidation.loan_consolidation.interest_rate = 150;
    consolidation.loan_consolidation.due_dates = Array.from({ length: 601 }, (_, i) => new Date(Date.UTC(2021, 0, 1 + i)).toISOString());
    const refused = await system.api.post('/v1/borrowers/H1/loans/consolidations/C9/create', consolidation);
    assertRefused(refused, 'loan_consolidation.interest_rate');
    assertRefused(refused, 'loan_consolidation.due_dates');

    assertRefused(await system.api.post('/v1/borrowers/H1/loans/L1/cancel', { loan_cancellation: { effective_date: '2300-01-01T00:00:00Z' } }), 'loan_cancellation.effective_date');

    // A transfer batch refuses each bad item alone; an oversized batch as a whole.
    const item = { borrower_id: LONG_ID, loan_id: 'L1', ownership_transfer: { effective_date: '2024-02-01T00:00:00-05:00', new_owner: 'BANK_2' }, request_id: 't' };
    const batch = await system.api.post('/v1/borrowers/loans/transfer_ownership', [item, { ...item, borrower_id: 'H1', ownership_transfer: { effective_date: '2201-01-01T00:00:00Z', new_owner: 'B' } }]);
    assert.equal(batch.status, 202, JSON.stringify(batch.body));
    assert.deepEqual(batch.body.items.map((i: any) => i.status), ['failed', 'failed']);
    assertRefused(await system.api.post('/v1/borrowers/loans/transfer_ownership', Array.from({ length: 1001 }, () => item)), 'body');
  });

  it('configs: rates, amounts and days out of bounds', async () => {
    const put = (body: unknown, id = 'HOSTILE') => system.api.raw(`/v1/configs/loans/${id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    assertRefused(await put({ usury_rate: 101 }), 'usury_rate');
    assertRefused(await put({ late_fee_amount: 1.234 }), 'late_fee_amount');
    assertRefused(await put({ late_fee_grace_days: 1e9 }), 'late_fee_grace_days');
    assertRefused(await put({}, LONG_ID), 'params.config_id');
  });

  it('read parameters: path ids, calculation_date, paging and versions', async () => {
    assertRefused(await system.api.get(`/v1/borrowers/${LONG_ID}/get_status`), 'params.borrower_id');
    assertRefused(await system.api.get(`/v1/borrowers/${LONG_ID}/get_history`), 'params.borrower_id');
    assertRefused(await system.api.get(`/v1/borrowers/${encodeURIComponent('a b/c')}/get_status`), 'params.borrower_id');
    assertRefused(await system.api.get(`/v1/operations/${LONG_ID}`), 'params.operation_id');
    assertRefused(await system.api.get(`/v1/batches/${LONG_ID}`), 'params.batch_id');
    for (const day of ['2201-01-01', '1899-12-31', '99999-01-01', '2024-02-30']) {
      assertRefused(await system.api.get(`/v1/borrowers/H1/get_status?calculation_date=${day}`), 'query.calculation_date', day);
      assertRefused(await system.api.get(`/v1/borrowers/H1/get_history?calculation_date=${day}`), 'query.calculation_date', day);
    }
    for (const [query, field] of [['offset=1e300', 'offset'], ['offset=1000000001', 'offset'], ['cursor=-1', 'cursor'], ['limit=1e3000', 'limit']]) {
      assertRefused(await system.api.get(`/v1/borrowers/H1/get_history?${query}`), `query.${field}`, query!);
    }
    for (const version of ['0', 'abc', '1e30', '2147483648', '1.5']) {
      assertRefused(await system.api.get(`/v1/configs/loans/DEFAULT?version=${version}`), 'query.version', version);
    }
  });
});

describe('hostile input: the protocol', () => {
  let system: System;
  before(async () => {
    system = await startSystem({ serverWorkerConcurrency: 0 });
  });
  after(() => system?.stop());

  const raw = (path: string, init: RequestInit) => system.api.raw(path, init);

  it('a body over the limit is 413, malformed JSON 400, a wrong content type 415', async () => {
    const path = '/v1/borrowers/B/loans/L/create';
    assertSeedError(await raw(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ x: 'y'.repeat(1_100_000) }) }), 413, 'over 1mb');
    for (const body of ['{"loan":', '{', 'nul', '{"a":1}}', '\u0000', '[1,]']) {
      const res = await raw(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      assertSeedError(res, 400, `malformed ${JSON.stringify(body)}`);
      assert.equal(res.body.code, 4001);
    }
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml']) {
      assertSeedError(await raw(path, { method: 'POST', headers: { 'content-type': type }, body: 'a=b' }), 415, type);
    }
    assertSeedError(await raw(path, { method: 'POST', body: '{}' }), 415, 'no content type');
    // JSON that Postgres cannot store (U+0000) or nested past any request's shape: 400 naming where.
    const nul = await system.api.post(path, createLoanBody({}, { config_id: 'DEF\u0000AULT' }));
    assertRefused(nul, 'loan.config_id', 'NUL in a string');
    assertRefused(await raw(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"loan":{"a\\u0000b":1}}' }), 'loan["a\\u0000b"]', 'NUL in a name');
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    assertRefused(await raw(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"loan":${deep}}` }), 'loan' + '[0]'.repeat(31), 'deeply nested');
    assertSeedError(await raw(path, { method: 'POST', headers: { 'content-type': 'application/json; charset=latin1' }, body: '{}' }), 415, 'charset latin1');
    assertSeedError(await raw(path, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: 'not gzip' }), 400, 'bad gzip');
    assertSeedError(await raw(path, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'br2' }, body: '{}' }), 415, 'unknown encoding');
  });

  it('unknown routes are 404 and malformed paths 400, seed-shaped', async () => {
    for (const path of ['/v1/nothing', '/v1/borrowers/B/loans/L/explode', '/nothing', '/v2/borrowers/B/get_status', '/v1/configs/widgets/X']) {
      assertSeedError(await system.api.get(path), 404, path);
    }
    assertSeedError(await system.api.get('/v1/borrowers/%E0%A4%A/get_status'), 400, 'bad percent-encoding');
  });

  it('what the HTTP parser refuses (oversized headers, broken requests) is seed-shaped too', async () => {
    assertSeedError(await system.api.get('/v1/borrowers/B/get_status', { 'x-filler': 'a'.repeat(20_000) }), 431, 'headers over 16 KB');
    assertSeedError(await system.api.get(`/v1/borrowers/${'b'.repeat(20_000)}/get_status`), 431, 'URL over 16 KB');
    const { port, hostname } = new URL(system.baseUrl);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), hostname, () => socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nthis is no header\r\n\r\n'));
      let text = '';
      socket.on('data', (d) => (text += d));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    assert.match(answer, /^HTTP\/1\.1 400 /);
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
    assert.deepEqual(Object.keys(body).sort(), SEED_KEYS);
  });

  it('a known path with another method is 405 with Allow', async () => {
    const cases: Array<[string, string, string]> = [
      ['GET', '/v1/borrowers/B/loans/L/create', 'POST'],
      ['DELETE', '/v1/borrowers/B/payments/P/create', 'POST'],
      ['GET', '/v1/borrowers/loans/transfer_ownership', 'POST'],
      ['POST', '/v1/operations/00000000-0000-4000-8000-000000000000', 'GET, HEAD'],
      ['PATCH', '/v1/borrowers/B/get_status', 'GET, HEAD'],
      ['DELETE', '/v1/configs/loans/DEFAULT', 'GET, HEAD, PUT'],
      ['POST', '/healthz', 'GET, HEAD'],
    ];
    for (const [method, path, allow] of cases) {
      const res = await raw(path, { method, headers: { 'content-type': 'application/json' }, body: method === 'GET' ? undefined : '{}' });
      assertSeedError(res, 405, `${method} ${path}`);
      assert.equal(res.headers.get('allow'), allow, `${method} ${path}`);
      assert.equal(res.body.code, 4050);
    }
  });
});

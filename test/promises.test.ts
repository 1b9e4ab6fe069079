import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createDb } from '@lsl/db';
import { startReceiver, type Receiver } from '@lsl/webhooks/testing';
import { runCloseOfBusiness } from '@lsl/worker';
import { createLoanBody, paymentBody, startSystem, type System } from './helpers.js';

// The promise to pay (docs/ledger.md "Promise to pay") through the whole system: HTTP intake →
// Postgres → queue → worker → ledger → result bodies and get_status, `promise.kept` delivered
// by webhook when the payment that keeps it is applied, `promise.broken` when the close of
// business (run here with the clock one day ahead, as the next midnight would) judges it.
describe('promises to pay through the pipeline, with their webhooks', () => {
  let system: System;
  let receiver: Receiver;
  before(async () => {
    receiver = await startReceiver();
    system = await startSystem({ serverWorkerConcurrency: 2, env: { WEBHOOKS_ALLOW_PRIVATE: 'true', WEBHOOKS_POLL_MS: '100' } });
    const created = await system.api.post('/v1/webhooks', { url: receiver.url, events: ['promise.kept', 'promise.broken'], description: 'promises' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
  });
  after(async () => {
    await system?.stop();
    await receiver?.close();
  });

  const mig = '?is_migration=true';
  const wait = { prefer: 'wait=20' };
  const at10 = (day: string) => `${day}T10:00:00-05:00`;
  const promiseBody = (day: string, promise: Record<string, unknown>, requestId = 'pr') => ({ promise, occurred_on: at10(day), request_id: requestId });
  const create = (borrower: string, id: string, body: unknown) => system.api.post(`/v1/borrowers/${borrower}/promises/${id}/create${mig}`, body, wait);
  const cancel = (borrower: string, id: string, body: unknown) => system.api.post(`/v1/borrowers/${borrower}/promises/${id}/cancel${mig}`, body, wait);
  const delivered = async (borrower: string, type: string) => (await receiver.waitFor(1, (r) => r.json?.borrower_id === borrower && r.json?.type === type, 30_000))[0]!.json;

  // derive.py "spec-promises": installment 1 of the worked loan, paid in two parts.
  const PROMISED = 229630.19;

  it('kept by two partial payments: the result bodies, get_status, promise.kept by webhook; cancel then 409; unknown 404', async () => {
    const loan = await system.api.post(`/v1/borrowers/B-pk/loans/L1/create${mig}`, createLoanBody(), wait);
    assert.equal(loan.status, 200, JSON.stringify(loan.body));
    const body = promiseBody('2024-02-01', { amount: PROMISED, due_date: '2024-02-15', loan_id: 'L1' }, 'pr1');
    const made = await create('B-pk', 'PR1', body);
    assert.equal(made.status, 200, JSON.stringify(made.body));
    assert.deepEqual(made.body, { effective_date: '2024-02-01', id: 'PR1', kordev_id: 2, paid_toward: 0, promise: body.promise, request_id: 'pr1', state: 'active' });
    // The same key: the same body is the first operation replayed; another body 409 at intake.
    const replay = await create('B-pk', 'PR1', body);
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');
    const other = await create('B-pk', 'PR1', { ...body, promise: { ...body.promise, amount: 1 } });
    assert.equal(other.status, 409, JSON.stringify(other.body));
    assert.equal(other.body.code, 4091);

    assert.equal((await system.api.post(`/v1/borrowers/B-pk/payments/P1/create${mig}`, paymentBody(100000, '2024-02-05', 'p1'), wait)).status, 200);
    const midway = await system.api.get('/v1/borrowers/B-pk/get_status?calculation_date=2024-02-10');
    assert.deepEqual(midway.body.promises, [{ id: 'PR1', loan_id: 'L1', amount: PROMISED, due_date: '2024-02-15', state: 'active', paid_toward: 100000 }]);
    assert.equal((await system.api.post(`/v1/borrowers/B-pk/payments/P2/create${mig}`, paymentBody(129630.19, '2024-02-14', 'p2'), wait)).status, 200);
    const event = await delivered('B-pk', 'promise.kept');
    assert.equal(event.loan_id, 'L1');
    assert.deepEqual(event.data, { kordev_id: 4, promise_id: 'PR1', amount: PROMISED, due_date: '2024-02-15', paid_toward: PROMISED, back_dated: false, replayed_operations: 0 });
    const status = await system.api.get('/v1/borrowers/B-pk/get_status?calculation_date=2024-02-20');
    assert.deepEqual(status.body.promises.map((p: any) => [p.id, p.state, p.paid_toward]), [['PR1', 'kept', PROMISED]]);
    const events = await system.api.get('/v1/borrowers/B-pk/get_events?type=promise_kept');
    assert.equal(events.status, 200, JSON.stringify(events.body));
    assert.deepEqual(events.body.events.promise_kept.map((e: any) => [e.loan_id, e.promise_id, e.effective_date]), [['L1', 'PR1', '2024-02-14']]);

    const late = await cancel('B-pk', 'PR1', { promise_cancellation: { reason: 'too late' }, occurred_on: at10('2024-02-20'), request_id: 'c1' });
    assert.equal(late.status, 409, JSON.stringify(late.body));
    assert.equal(late.body.code, 40931);
    assert.equal(late.body.context.state, 'kept');
    const unknown = await cancel('B-pk', 'PR9', { occurred_on: at10('2024-02-20'), request_id: 'c9' });
    assert.equal(unknown.status, 404, JSON.stringify(unknown.body));
    assert.equal(unknown.body.code, 40422);
  });

  it('bad promises: 400 naming the field at intake or from the ledger; unknown or closed loan 404 / 409', async () => {
    const loan = await system.api.post(`/v1/borrowers/B-pb/loans/L1/create${mig}`, createLoanBody(), wait);
    assert.equal(loan.status, 200);
    const zero = await create('B-pb', 'PR1', promiseBody('2024-02-01', { amount: 0, due_date: '2024-02-15' }));
    assert.equal(zero.status, 400);
    assert.deepEqual(Object.keys(zero.body.context.fields), ['promise.amount']);
    const notADay = await create('B-pb', 'PR1', promiseBody('2024-02-01', { amount: 10, due_date: '2024-02-30' }));
    assert.equal(notADay.status, 400);
    assert.deepEqual(Object.keys(notADay.body.context.fields), ['promise.due_date']);
    const early = await create('B-pb', 'PR2', promiseBody('2024-02-01', { amount: 10, due_date: '2024-01-31' }));
    assert.equal(early.status, 400, JSON.stringify(early.body));
    assert.deepEqual(Object.keys(early.body.context.fields), ['promise.due_date']);
    const noLoan = await create('B-pb', 'PR3', promiseBody('2024-02-01', { amount: 10, due_date: '2024-02-15', loan_id: 'L9' }));
    assert.equal(noLoan.status, 404, JSON.stringify(noLoan.body));
    const cancelled = await system.api.post(`/v1/borrowers/B-pb/loans/L1/cancel${mig}`, { loan_cancellation: { effective_date: '2024-02-02T00:00:00-05:00' }, occurred_on: at10('2024-02-02'), request_id: 'c' }, wait);
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
    const closed = await create('B-pb', 'PR4', promiseBody('2024-02-03', { amount: 10, due_date: '2024-02-15', loan_id: 'L1' }));
    assert.equal(closed.status, 409, JSON.stringify(closed.body));
    assert.equal(closed.body.code, 40902);
  });

  it('cancelled while active; one left unpaid is broken at the next close of business, promise.broken by webhook', async () => {
    const made = await create('B-pc', 'PR1', promiseBody('2024-03-01', { amount: 500, due_date: '2024-03-10' }));
    assert.equal(made.status, 200, JSON.stringify(made.body));
    const cancelBody = { promise_cancellation: { reason: 'renegotiated' }, occurred_on: at10('2024-03-02'), request_id: 'c1' };
    const cancelled = await cancel('B-pc', 'PR1', cancelBody);
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
    assert.deepEqual([cancelled.body.promise_id, cancelled.body.state, cancelled.body.effective_date, cancelled.body.promise_cancellation], ['PR1', 'canceled', '2024-03-02', { reason: 'renegotiated' }]);
    // A second cancellation is the first one replayed; with another body, 409 at intake.
    assert.equal((await cancel('B-pc', 'PR1', cancelBody)).headers.get('idempotent-replayed'), 'true');
    assert.equal((await cancel('B-pc', 'PR1', { ...cancelBody, request_id: 'c2' })).status, 409);

    const unpaid = await create('B-pc', 'PR2', promiseBody('2024-03-01', { amount: 1000, due_date: '2024-03-05' }));
    assert.equal(unpaid.status, 200);
    assert.equal((await system.api.post(`/v1/borrowers/B-pc/payments/P1/create${mig}`, paymentBody(250, '2024-03-03', 'p1'), wait)).status, 200);
    const status = await system.api.get('/v1/borrowers/B-pc/get_status?calculation_date=2024-03-06');
    assert.deepEqual(status.body.promises.map((p: any) => [p.id, p.state, p.paid_toward]), [['PR1', 'canceled', 0], ['PR2', 'broken', 250]]);

    // The server closed today when it started; the next close is tomorrow's.
    const db = createDb({ connectionString: system.databaseUrl, max: 2 });
    try {
      const tomorrow = new Date(Date.now() + 86_400_000);
      await runCloseOfBusiness({ db, ledger: { timeZone: 'America/Bogota' }, now: () => tomorrow });
    } finally {
      await db.destroy();
    }
    const event = await delivered('B-pc', 'promise.broken');
    assert.equal(event.loan_id, null);
    assert.deepEqual(event.data, { kordev_id: null, back_dated: false, replayed_operations: 0, promise_id: 'PR2', amount: 1000, due_date: '2024-03-05', paid_toward: 250 });
    const events = await system.api.get('/v1/borrowers/B-pc/get_events');
    assert.deepEqual(events.body.events.promise_broken.map((e: any) => [e.promise_id, e.effective_date, e.operation_id]), [['PR2', '2024-03-06', null]]);
  });
});

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { createLoanBody, startSystem, type System } from './helpers.js';

// The six operations through the whole system: HTTP intake → Postgres → BullMQ → worker →
// ledger → results, with real processes, Postgres and Redis.
describe('operation pipeline', () => {
  let system: System;
  before(async () => {
    system = await startSystem({ serverWorkerConcurrency: 2 });
  });
  after(async () => {
    await system?.stop();
  });

  const mig = '?is_migration=true';

  it('create loan: 202 with Location, then succeeded with the seed body', async () => {
    const res = await system.api.post('/v1/borrowers/B-create/loans/L1/create' + mig, createLoanBody());
    assert.equal(res.status, 202);
    assert.equal(res.body.status, 'queued');
    assert.equal(res.body.type, 'create_loan');
    assert.equal(res.body.borrower_id, 'B-create');
    assert.equal(res.body.request_id, 'req-create');
    assert.equal(res.headers.get('location'), `/v1/operations/${res.body.operation_id}`);
    assert.equal(res.body.status_url, `/v1/operations/${res.body.operation_id}`);
    const op = await system.api.waitForOperation(res.body.operation_id);
    assert.equal(op.status, 'succeeded');
    assert.equal(op.result.status_code, 200);
    const body = op.result.body;
    assert.equal(body.id, 'L1');
    assert.equal(body.kordev_id, 1);
    assert.equal(body.amount_financed, 1200000);
    assert.equal(body.owner, 'BANK_1');
    assert.equal(body.request_id, 'req-create');
    assert.equal(body.config_id, 'DEFAULT');
    assert.ok(Array.isArray(body.due_dates) && body.due_dates.length === 6);
    assert.ok(op.accepted_at && op.completed_at);
  });

  it('answers the seed example with two dates in one due_dates string with 400 naming the field', async () => {
    const body = createLoanBody({}, { due_dates: ['2020-02-01T23:59:59.999999-05:00, 2020-03-01T23:59:59.999999-05:00'] });
    const res = await system.api.post('/v1/borrowers/B-bad/loans/L1/create', body);
    assert.equal(res.status, 400);
    assert.deepEqual(Object.keys(res.body).sort(), ['code', 'context', 'error', 'status']);
    assert.equal(typeof res.body.code, 'number');
    assert.equal(res.body.status, 'Bad Request');
    assert.ok(Object.keys(res.body.context.fields).some((f) => f.includes('loan.due_dates[0]')), JSON.stringify(res.body));
    const status = await system.api.get('/v1/borrowers/B-bad/get_status');
    assert.equal(status.status, 404, 'nothing was recorded for the borrower');
  });

  it('refuses an unknown config at intake with 400', async () => {
    const res = await system.api.post('/v1/borrowers/B-cfg/loans/L1/create', createLoanBody({}, { config_id: 'NO_SUCH_CONFIG' }));
    assert.equal(res.status, 400);
    assert.ok(JSON.stringify(res.body.context).includes('loan.config_id'));
  });

  it('is_migration=true without occurred_on is 400', async () => {
    const body: Record<string, unknown> = createLoanBody();
    delete body.occurred_on;
    const res = await system.api.post('/v1/borrowers/B-mig/loans/L1/create' + mig, body);
    assert.equal(res.status, 400);
    assert.ok(JSON.stringify(res.body.context).includes('occurred_on'));
  });

  it('Prefer: wait returns the seed synchronous answer: 200, then 409 for a duplicate loan id with another body', async () => {
    const first = await system.api.post('/v1/borrowers/B-wait/loans/L1/create' + mig, createLoanBody(), { prefer: 'wait=10' });
    assert.equal(first.status, 200);
    assert.equal(first.body.id, 'L1');
    assert.equal(first.body.kordev_id, 1);
    // The same loan id with another body: the natural key is taken → 409 at intake.
    const conflict = await system.api.post('/v1/borrowers/B-wait/loans/L1/create' + mig, createLoanBody({ request_id: 'other' }), { prefer: 'wait=10' });
    assert.equal(conflict.status, 409);
    assert.equal(conflict.body.status, 'Conflict');
  });

  it('404 from the worker: cancel, waiver and transfer of an unknown loan', async () => {
    await system.api.post('/v1/borrowers/B-404/loans/L1/create' + mig, createLoanBody(), { prefer: 'wait=10' });
    const cancel = await system.api.post('/v1/borrowers/B-404/loans/NOPE/cancel' + mig, { loan_cancellation: {}, occurred_on: '2024-02-01T10:00:00-05:00', request_id: 'c' }, { prefer: 'wait=10' });
    assert.equal(cancel.status, 404);
    assert.deepEqual(Object.keys(cancel.body).sort(), ['code', 'context', 'error', 'status']);
    const res = await system.api.post('/v1/borrowers/B-404/loans/NOPE/waivers/W1/create', waiverBody(), {});
    assert.equal(res.status, 202);
    const op = await system.api.waitForOperation(res.body.operation_id);
    assert.equal(op.status, 'failed');
    assert.equal(op.result.status_code, 404);
    assert.equal(op.result.body.status, 'Not Found');
  });

  it('409 from the worker: cancelling a loan twice', async () => {
    await system.api.post('/v1/borrowers/B-409/loans/L1/create' + mig, createLoanBody(), { prefer: 'wait=10' });
    const first = await system.api.post('/v1/borrowers/B-409/loans/L1/cancel' + mig, cancelBody('2024-02-01'), { prefer: 'wait=10' });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(first.body.loan_id, 'L1');
    assert.equal(typeof first.body.kordev_id, 'number');
    // A second cancel has another natural key only if the body differs; docs/api.md keys cancel
    // on (borrower, loan), so a different body is a 409 at intake, the same body a replay.
    const replay = await system.api.post('/v1/borrowers/B-409/loans/L1/cancel' + mig, cancelBody('2024-02-01'));
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');
    // A waiver on the cancelled loan is refused by the ledger.
    const waiver = await system.api.post('/v1/borrowers/B-409/loans/L1/waivers/W1/create' + mig, waiverBody(), { prefer: 'wait=10' });
    assert.equal(waiver.status, 409, JSON.stringify(waiver.body));
  });

  it('payment, waiver, transfer, cancel and consolidation succeed end to end', async () => {
    const b = '/v1/borrowers/B-all';
    const wait = { prefer: 'wait=10' };
    assert.equal((await system.api.post(`${b}/loans/L1/create${mig}`, createLoanBody(), wait)).status, 200);
    assert.equal((await system.api.post(`${b}/loans/L2/create${mig}`, createLoanBody({ request_id: 'l2' }), wait)).status, 200);
    const payment = await system.api.post(`${b}/payments/P1/create${mig}`, {
      payment: { amount_paid: 100000, config_id: null, payment_date: '2024-02-10T12:00:00-05:00' },
      payment_allocations: [{ loan_id: 'L1', amount: 100000 }],
      occurred_on: '2024-02-10T12:00:00-05:00',
      request_id: 'pay-1',
    }, wait);
    assert.equal(payment.status, 200, JSON.stringify(payment.body));
    assert.equal(payment.body.id, 'P1');
    assert.equal(payment.body.request_id, 'pay-1');
    const waiver = await system.api.post(`${b}/loans/L1/waivers/W1/create${mig}`, waiverBody(), wait);
    assert.equal(waiver.status, 200, JSON.stringify(waiver.body));
    assert.equal(waiver.body.id, 'W1');
    assert.equal(waiver.body.loan_id, 'L1');
    const transfer = await system.api.post(`/v1/borrowers/loans/transfer_ownership${mig}`, [transferItem('B-all', 'L1', 'BANK_2', 't1')], wait);
    assert.equal(transfer.status, 207, JSON.stringify(transfer.body));
    assert.equal(transfer.body.succeeded.length, 1);
    assert.equal(transfer.body.failed.length, 0);
    assert.equal(transfer.body.succeeded[0].new_owner, 'BANK_2');
    assert.ok(transfer.body.succeeded[0].transferred_amounts.principal);
    const consolidation = await system.api.post(`${b}/loans/consolidations/C1/create${mig}`, {
      loan_consolidation: {
        consolidation_config: 'DEFAULT',
        daily_fee_charge: null,
        delinquency_interest_rate: 0.3,
        due_dates: ['2024-04-20T23:59:59.999999-05:00', '2024-05-20T23:59:59.999999-05:00'],
        effective_date: '2024-03-20T00:00:00-05:00',
        interest_rate: 0.3,
        loan_config: 'DEFAULT',
        original_loans: ['L1', 'L2'],
        owner: 'BANK_1',
      },
      occurred_on: '2024-03-20T10:00:00-05:00',
      request_id: 'cons-1',
    }, wait);
    assert.equal(consolidation.status, 200, JSON.stringify(consolidation.body));
    assert.equal(consolidation.body.id, 'C1');
    assert.equal(consolidation.body.request_id, 'cons-1');
    const cancel = await system.api.post(`${b}/loans/C1/cancel${mig}`, cancelBody('2024-03-25'), wait);
    assert.equal(cancel.status, 200, JSON.stringify(cancel.body));
    // Consolidated loans can no longer be cancelled.
    const again = await system.api.post(`${b}/loans/L2/cancel${mig}`, cancelBody('2024-03-26'), wait);
    assert.equal(again.status, 409);
  });

  it('idempotency: natural-key replay returns the first operation; Idempotency-Key reuse with another body is 422', async () => {
    const body = createLoanBody();
    const first = await system.api.post('/v1/borrowers/B-idem/loans/L1/create' + mig, body);
    const second = await system.api.post('/v1/borrowers/B-idem/loans/L1/create' + mig, body);
    assert.equal(first.status, 202);
    assert.equal(second.status, 202);
    assert.equal(second.body.operation_id, first.body.operation_id);
    assert.equal(second.headers.get('idempotent-replayed'), 'true');
    assert.equal(first.headers.get('idempotent-replayed'), null);

    const key = { 'idempotency-key': 'key-123' };
    const a = await system.api.post('/v1/borrowers/B-idem/loans/L2/create' + mig, createLoanBody({ request_id: 'k' }), key);
    const b = await system.api.post('/v1/borrowers/B-idem/loans/L2/create' + mig, createLoanBody({ request_id: 'k' }), key);
    assert.equal(a.status, 202);
    assert.equal(b.status, 202);
    assert.equal(b.body.operation_id, a.body.operation_id);
    assert.equal(b.headers.get('idempotent-replayed'), 'true');
    const c = await system.api.post('/v1/borrowers/B-idem/loans/L3/create' + mig, createLoanBody({ request_id: 'k' }), key);
    assert.equal(c.status, 422);
    assert.equal(c.body.status, 'Unprocessable Entity');
  });

  it('Idempotency-Key: a retry while the first request is still being accepted is 409', async () => {
    // The first request's claim, caught between claiming the key and storing its response.
    const { bodyFingerprint } = await import('@lsl/contracts');
    const body = createLoanBody({ request_id: 'inflight' });
    const client = new pg.Client({ connectionString: system.databaseUrl });
    await client.connect();
    try {
      const hash = bodyFingerprint({ path: '/v1/borrowers/B-flight/loans/L1/create', query: { is_migration: true }, body });
      await client.query('insert into idempotency_keys (key, request_hash) values ($1, $2)', ['in-flight-key', hash]);
      const res = await system.api.post('/v1/borrowers/B-flight/loans/L1/create' + mig, body, { 'idempotency-key': 'in-flight-key' });
      assert.equal(res.status, 409);
      assert.equal(res.body.code, 4092);
      const ops = await client.query("select count(*)::int as n from operations where borrower_id = 'B-flight'");
      assert.equal(ops.rows[0].n, 0, 'nothing was recorded');
    } finally {
      await client.end();
    }
  });

  it('a batch with good and bad items: bad ones fail at once, good ones apply; GET /v1/batches gives the 207 body', async () => {
    await system.api.post('/v1/borrowers/B-batch/loans/L1/create' + mig, createLoanBody(), { prefer: 'wait=10' });
    const items = [
      transferItem('B-batch', 'L1', 'BANK_9', 'ok-1'),
      { ...transferItem('B-batch', 'L1', 'BANK_9', 'bad-1'), ownership_transfer: { effective_date: 'yesterday', new_owner: 'X' } },
      transferItem('B-batch', 'NO_LOAN', 'BANK_9', 'missing-1'),
    ];
    const res = await system.api.post('/v1/borrowers/loans/transfer_ownership' + mig, items);
    assert.equal(res.status, 202);
    assert.ok(res.body.batch_id);
    assert.equal(res.headers.get('location'), `/v1/batches/${res.body.batch_id}`);
    assert.equal(res.body.items.length, 3);
    assert.equal(res.body.items[1].status, 'failed');
    let status;
    for (let i = 0; i < 200; i++) {
      status = await system.api.get(`/v1/batches/${res.body.batch_id}`);
      if (status.status === 207) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(status!.status, 207);
    assert.equal(status!.body.succeeded.length, 1);
    assert.equal(status!.body.succeeded[0].request_id, 'ok-1');
    assert.equal(status!.body.failed.length, 2);
    const byRequest = Object.fromEntries(status!.body.failed.map((f: any) => [f.request_id, f]));
    assert.equal(byRequest['bad-1'].status_code, 400);
    assert.equal(byRequest['missing-1'].status_code, 404);
    assert.equal(byRequest['missing-1'].borrower_id, 'B-batch');
    assert.equal(typeof byRequest['missing-1'].error_detail, 'string');
  });

  it('a transfer batch that is not an array is one 400', async () => {
    const res = await system.api.post('/v1/borrowers/loans/transfer_ownership', { not: 'an array' });
    assert.equal(res.status, 400);
  });

  it('unknown operation and batch ids are 404 in the seed error body', async () => {
    const op = await system.api.get('/v1/operations/00000000-0000-4000-8000-000000000000');
    assert.equal(op.status, 404);
    assert.deepEqual(Object.keys(op.body).sort(), ['code', 'context', 'error', 'status']);
    const batch = await system.api.get('/v1/batches/not-a-uuid');
    assert.equal(batch.status, 404);
  });

  it('malformed JSON, wrong content type and unknown routes get seed-shaped errors', async () => {
    const bad = await system.api.raw('/v1/borrowers/B/loans/L/create', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"loan":' });
    assert.equal(bad.status, 400);
    assert.deepEqual(Object.keys(bad.body).sort(), ['code', 'context', 'error', 'status']);
    const type = await system.api.raw('/v1/borrowers/B/loans/L/create', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hi' });
    assert.equal(type.status, 415);
    const missing = await system.api.get('/v1/nothing/here');
    assert.equal(missing.status, 404);
    assert.deepEqual(Object.keys(missing.body).sort(), ['code', 'context', 'error', 'status']);
    const big = await system.api.raw('/v1/borrowers/B/loans/L/create', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ x: 'y'.repeat(2_000_000) }) });
    assert.equal(big.status, 413);
  });
});

function waiverBody() {
  return {
    occurred_on: '2024-02-20T10:15:20-05:00',
    request_id: 'w',
    waiver: { amount: 1000, bucket: 'interest', config_id: null, effective_date: '2024-02-20T00:00:00-05:00', percentage: null, reason: 'goodwill', type: 'amount' },
  };
}

function cancelBody(day: string) {
  return { loan_cancellation: { effective_date: `${day}T00:00:00-05:00` }, occurred_on: `${day}T10:00:00-05:00`, request_id: `cancel-${day}` };
}

export function transferItem(borrowerId: string, loanId: string, newOwner: string, requestId: string) {
  return {
    borrower_id: borrowerId,
    loan_id: loanId,
    occurred_on: '2024-03-01T10:15:20-05:00',
    ownership_transfer: { effective_date: '2024-03-01T00:00:00-05:00', new_owner: newOwner },
    request_id: requestId,
  };
}

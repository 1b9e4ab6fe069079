import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { createLoanBody, paymentBody, startSystem, type System } from './helpers.js';

// The lifecycle operations of docs/ledger.md through the whole system: HTTP intake → Postgres →
// queue → worker → ledger → results and events, with the figures of the ledger's tests
// (packages/ledger/test/fixtures/derive.py "charge-off", "restructuring").
describe('lifecycle operations through the pipeline', () => {
  let system: System;
  let db: pg.Client;
  before(async () => {
    system = await startSystem({ serverWorkerConcurrency: 2 });
    db = new pg.Client({ connectionString: system.databaseUrl });
    await db.connect();
  });
  after(async () => {
    await db?.end();
    await system?.stop();
  });

  const mig = '?is_migration=true';
  const wait = { prefer: 'wait=20' };
  const loan = async (borrower: string, loanFields: Record<string, unknown> = {}) => {
    const res = await system.api.post(`/v1/borrowers/${borrower}/loans/L1/create${mig}`, createLoanBody({}, loanFields), wait);
    assert.equal(res.status, 200, JSON.stringify(res.body));
  };
  const eventsOf = async (borrower: string, type: string) =>
    (await db.query('select payload, effective_date, loan_id from events where borrower_id = $1 and type = $2 order by position', [borrower, type])).rows;

  it('reverse payment: the payment is taken out from its day on, stays listed as reversed; replays and refusals', async () => {
    await loan('B-rev');
    const paid = await system.api.post(`/v1/borrowers/B-rev/payments/P1/create${mig}`, paymentBody(100000, '2024-02-17', 'pay'), wait);
    assert.equal(paid.status, 200);
    const body = { payment_reversal: { reason: 'NSF' }, occurred_on: '2024-03-05T10:00:00-05:00', request_id: 'rev-1' };
    const accepted = await system.api.post(`/v1/borrowers/B-rev/payments/P1/reverse${mig}`, body);
    assert.equal(accepted.status, 202);
    assert.equal(accepted.body.type, 'reverse_payment');
    const op = await system.api.waitForOperation(accepted.body.operation_id);
    assert.equal(op.status, 'succeeded', JSON.stringify(op.result));
    assert.deepEqual(op.result.body, { id: op.id, kordev_id: 3, payment_id: 'P1', reason: 'NSF', request_id: 'rev-1', reversed_amount: 100000 });
    const again = await system.api.post(`/v1/borrowers/B-rev/payments/P1/reverse${mig}`, body);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.equal(again.body.operation_id, op.id);

    const status = await system.api.get('/v1/borrowers/B-rev/get_status?calculation_date=2024-03-01');
    assert.equal(status.status, 200);
    const principal = status.body.loans[0].balance_detail.at_calculation_date.principal;
    assert.equal(principal.paid, 0);
    assert.equal(status.body.loans[0].balance_detail.at_calculation_date.delinquency_interest.total, 2323.47);
    const listed = status.body.payments.find((p: any) => p.id === 'P1');
    assert.equal(listed.is_reversed, true);
    assert.equal(listed.reversal_date, '2024-03-05');

    const history = await system.api.get('/v1/borrowers/B-rev/get_history');
    assert.ok(Array.isArray(history.body.records), JSON.stringify(history.body).slice(0, 200));
    assert.equal(history.body.records.filter((r: any) => r.step_type === 'PAYMENT_REVERSAL').length, 1);

    const events = await eventsOf('B-rev', 'payment.reversed');
    assert.equal(events.length, 1);
    assert.equal(events[0].payload.reversed_amount, 100000);
    assert.equal(events[0].effective_date, '2024-03-05');

    const unknown = await system.api.post(`/v1/borrowers/B-rev/payments/NOPE/reverse${mig}`, body, wait);
    assert.equal(unknown.status, 404);
    assert.deepEqual(Object.keys(unknown.body).sort(), ['code', 'context', 'error', 'status']);
    const bad = await system.api.post('/v1/borrowers/B-rev/payments/P1/reverse', { payment_reversal: { reason: 7 } });
    assert.equal(bad.status, 400);
    assert.ok(JSON.stringify(bad.body.context).includes('payment_reversal.reason'));
  });

  it('reimbursement: lowers the positive balance; above it on that day 409', async () => {
    await loan('B-reimb', { amount_financed: 3000, due_dates: ['2024-02-01T23:59:59.999999-05:00'], installment_fee_charge: null, interest_rate: 0 });
    await system.api.post(`/v1/borrowers/B-reimb/payments/P1/create${mig}`, paymentBody(3500, '2024-01-20', 'pay'), wait);
    const path = (id: string) => `/v1/borrowers/B-reimb/reimbursements/${id}/create${mig}`;
    const body = (value: number) => ({ reimbursement: { effective_date: '2024-01-25T00:00:00-05:00', value }, occurred_on: '2024-01-25T10:00:00-05:00', request_id: 'rb' });
    const tooMuch = await system.api.post(path('RB0'), body(500.01), wait);
    assert.equal(tooMuch.status, 409);
    assert.equal(tooMuch.body.code, 40911);
    const ok = await system.api.post(path('RB1'), body(200), wait);
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.deepEqual(ok.body, { id: 'RB1', kordev_id: 3, positive_balance_after: 300, reimbursement: body(200).reimbursement, request_id: 'rb' });
    const status = await system.api.get('/v1/borrowers/B-reimb/get_status?calculation_date=2024-01-26');
    assert.equal(status.body.positive_balance, 300);
    assert.equal((await eventsOf('B-reimb', 'positive_balance.reimbursed')).length, 1);
    const zero = await system.api.post(path('RB2'), body(0));
    assert.equal(zero.status, 400);
  });

  it('charge-off: everything owed is written off; summary and status fields; a later payment is a recovery', async () => {
    await loan('B-co');
    const body = { loan_charge_off: { effective_date: '2024-03-20T00:00:00-05:00', reason: 'UNCOLLECTIBLE' }, occurred_on: '2024-03-20T10:00:00-05:00', request_id: 'co' };
    const res = await system.api.post(`/v1/borrowers/B-co/loans/L1/charge_off${mig}`, body, wait);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.charged_off_amount, 1383946.97);
    assert.equal(res.body.loan_id, 'L1');
    const status = await system.api.get('/v1/borrowers/B-co/get_status?calculation_date=2024-03-21');
    const l = status.body.loans[0];
    assert.equal(l.attributes.chargeoff_date, '2024-03-20');
    assert.equal(l.balance_detail.at_calculation_date.principal.charged_off, 1200000);
    assert.equal(l.balance_detail.at_calculation_date.principal.total, 0);
    assert.equal(status.body.summary.charged_off_amount, 1383946.97);
    assert.equal(status.body.summary.full_payment_amount, 0);
    const events = await eventsOf('B-co', 'loan.charged_off');
    assert.equal(events[0].loan_id, 'L1');
    assert.equal(events[0].payload.charged_off_amount, 1383946.97);

    const recovery = await system.api.post(`/v1/borrowers/B-co/payments/P1/create${mig}`, paymentBody(50000, '2024-04-01', 'rec'), wait);
    assert.equal(recovery.status, 200);
    assert.equal(recovery.body.applied_allocations[0].buckets.principal, 880.35);
    const later = await system.api.get('/v1/borrowers/B-co/get_status?calculation_date=2024-04-02');
    assert.equal(later.body.summary.charged_off_amount, 1333946.97);

    const twice = await system.api.post(`/v1/borrowers/B-co/loans/L1/charge_off${mig}`, { ...body, request_id: 'co-2' }, wait);
    assert.equal(twice.status, 409, 'the same key with another body is refused at intake');
    const missing = await system.api.post(`/v1/borrowers/B-co/loans/NOPE/charge_off${mig}`, body, wait);
    assert.equal(missing.status, 404);
  });

  it('restructuring: new principal and schedule; DEFAULT and custom restructuring configs; 400s at intake', async () => {
    await loan('B-rs', { delinquency_interest_rate: 0 });
    const dues = ['2024-04-20', '2024-05-20', '2024-06-20', '2024-07-20'].map((d) => `${d}T23:59:59.999999-05:00`);
    const body = (extra: Record<string, unknown> = {}) => ({
      loan_restructuring: { due_dates: dues, effective_date: '2024-03-20T00:00:00-05:00', interest_rate: 0.24, ...extra },
      occurred_on: '2024-03-20T10:00:00-05:00',
      request_id: 'rs',
    });
    const early = await system.api.post(`/v1/borrowers/B-rs/loans/L1/restructurings/RS0/create${mig}`, body({ due_dates: ['2024-03-19T23:59:59.999999-05:00'] }));
    assert.equal(early.status, 400);
    assert.ok(JSON.stringify(early.body.context).includes('loan_restructuring.due_dates[0]'));
    const unknownConfig = await system.api.post(`/v1/borrowers/B-rs/loans/L1/restructurings/RS0/create${mig}`, body({ config_id: 'NOPE' }));
    assert.equal(unknownConfig.status, 400);

    const res = await system.api.post(`/v1/borrowers/B-rs/loans/L1/restructurings/RS1/create${mig}`, body(), wait);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.new_principal, 1313229.6);
    assert.equal(res.body.fixed_installment_amount, 343378.98);
    assert.equal(res.body.id, 'RS1');
    const status = await system.api.get('/v1/borrowers/B-rs/get_status?calculation_date=2024-03-20');
    const l = status.body.loans[0];
    assert.deepEqual(l.restructurings, [{ id: 'RS1', effective_date: '2024-03-20', principal: 1313229.6 }]);
    assert.equal(l.installments.filter((i: any) => i.restructured).length, 6);
    assert.equal(l.installments.find((i: any) => i.number === 7).buckets.interest.initial_balance, 24212.86);
    assert.equal((await eventsOf('B-rs', 'loan.restructured'))[0].payload.new_principal, 1313229.6);

    // a restructuring config that carries principal only
    const put = await system.api.raw('/v1/configs/restructurings/PRINCIPAL_ONLY', {
      method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ carried_buckets: ['principal'] }),
    });
    assert.ok(put.status === 201 || put.status === 200, JSON.stringify(put.body));
    await loan('B-rs2', { delinquency_interest_rate: 0 });
    const custom = await system.api.post(`/v1/borrowers/B-rs2/loans/L1/restructurings/RS1/create${mig}`, body({ config_id: 'PRINCIPAL_ONLY' }), wait);
    assert.equal(custom.status, 200, JSON.stringify(custom.body));
    assert.equal(custom.body.new_principal, 1200000);
    assert.equal(custom.body.fixed_installment_amount, 313772.07);
  });

  it('cancel loans (batch): 202 with the batch, then the 207; Prefer: wait; a bad item fails alone; same key as the single cancel', async () => {
    await loan('B-bc1');
    await loan('B-bc2');
    const item = (borrower: string, loanId: string, requestId: string) => ({
      borrower_id: borrower, loan_cancellation: { loan_id: loanId, effective_date: '2024-02-01T00:00:00-05:00', reason: 'CUSTOMER' },
      occurred_on: '2024-02-01T10:00:00-05:00', request_id: requestId,
    });
    const accepted = await system.api.post(`/v1/borrowers/loans/cancel${mig}`, [item('B-bc1', 'L1', 'c1'), { borrower_id: 'B-bc2', loan_cancellation: {} }, item('B-bc2', 'NOPE', 'c3')]);
    assert.equal(accepted.status, 202, JSON.stringify(accepted.body));
    assert.equal(accepted.headers.get('location'), `/v1/batches/${accepted.body.batch_id}`);
    assert.deepEqual(accepted.body.items.map((i: any) => i.status), ['queued', 'failed', 'queued']);
    let batch;
    for (;;) {
      batch = await system.api.get(`/v1/batches/${accepted.body.batch_id}`);
      if (!batch.body.pending) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(batch.status, 207);
    assert.equal(batch.body.succeeded.length, 1);
    assert.equal(batch.body.succeeded[0].loan_id, 'L1');
    assert.equal(batch.body.succeeded[0].effective_date, '2024-02-01T00:00:00-05:00');
    assert.deepEqual(batch.body.failed.map((f: any) => f.status_code).sort(), [400, 404]);
    const cancelled = await system.api.get('/v1/borrowers/B-bc1/get_status?calculation_date=2024-02-02');
    assert.equal(cancelled.body.loans[0].attributes.is_cancelled, true);

    // Prefer: wait answers the 207 itself
    const waited = await system.api.post(`/v1/borrowers/loans/cancel${mig}`, [item('B-bc2', 'L1', 'c4')], wait);
    assert.equal(waited.status, 207, JSON.stringify(waited.body));
    assert.equal(waited.body.succeeded[0].loan_id, 'L1');

    // the item is the single cancel: the same cancellation sent alone is a replay of it
    const single = await system.api.post(`/v1/borrowers/B-bc2/loans/L1/cancel${mig}`, {
      loan_cancellation: { effective_date: '2024-02-01T00:00:00-05:00', reason: 'CUSTOMER' }, occurred_on: '2024-02-01T10:00:00-05:00', request_id: 'c4',
    });
    assert.equal(single.headers.get('idempotent-replayed'), 'true', JSON.stringify(single.body));

    const notArray = await system.api.post('/v1/borrowers/loans/cancel', { borrower_id: 'B-bc1' });
    assert.equal(notArray.status, 400);
  });

  it('payoff: the quote and the payoff agree; below the quote 409 with the quote; loan.paid_off; a paid-off loan has no quote', async () => {
    // The worked example, nothing paid, on 2024-03-01: quote 1 264 882.23 (derive.py "payoff quote").
    await loan('B-payoff');
    const quote = await system.api.get('/v1/borrowers/B-payoff/loans/L1/payoff?date=2024-03-01');
    assert.equal(quote.status, 200, JSON.stringify(quote.body));
    assert.equal(quote.body.payoff_amount, 1264882.23);
    const body = (amount: number, id: string) => ({ payoff: { amount_paid: amount, config_id: null, payment_date: '2024-03-01T10:00:00-05:00' }, occurred_on: '2024-03-01T10:00:00-05:00', request_id: id });
    const short = await system.api.post(`/v1/borrowers/B-payoff/loans/L1/payoffs/PO0/create${mig}`, body(1264882.22, 'po-0'), wait);
    assert.equal(short.status, 409, JSON.stringify(short.body));
    assert.equal(short.body.code, 40921);
    assert.equal(short.body.context.payoff_amount, 1264882.23);
    assert.deepEqual(short.body.context.breakdown, quote.body.breakdown);
    const paid = await system.api.post(`/v1/borrowers/B-payoff/loans/L1/payoffs/PO1/create${mig}`, body(1264982.23, 'po-1'), wait);
    assert.equal(paid.status, 200, JSON.stringify(paid.body));
    assert.deepEqual(paid.body, { amount_paid: 1264982.23, id: 'PO1', kordev_id: 2, loan_id: 'L1', payoff_amount: 1264882.23, request_id: 'po-1', to_positive_balance: 100 });
    const status = await system.api.get('/v1/borrowers/B-payoff/get_status?calculation_date=2024-03-02');
    assert.equal(status.body.loans[0].attributes.paid_off_date, '2024-03-01');
    assert.equal(status.body.positive_balance, 100);
    assert.equal(status.body.summary.full_payment_amount, 0);
    assert.equal(status.body.loans[0].balance_detail.at_calculation_date.interest.closed, 70394.77);
    const history = await system.api.get('/v1/borrowers/B-payoff/get_history?limit=1000');
    assert.ok(history.body.records.some((r: any) => r.step_type === 'PAYOFF' && r.bucket_status === 'closed'));
    const events = await eventsOf('B-payoff', 'loan.paid_off');
    assert.equal(events.length, 1);
    assert.equal(events[0].loan_id, 'L1');
    assert.equal(events[0].payload.payoff_amount, 1264882.23);
    const after = await system.api.get('/v1/borrowers/B-payoff/loans/L1/payoff?date=2024-03-05');
    assert.equal(after.status, 409);
    assert.equal(after.body.code, 40920);
    const bad = await system.api.post(`/v1/borrowers/B-payoff/loans/L1/payoffs/PO2/create${mig}`, { payoff: { amount_paid: -1, payment_date: 'soon' }, request_id: 'x' });
    assert.equal(bad.status, 400);
    assert.ok('payoff.amount_paid' in bad.body.context.fields && 'payoff.payment_date' in bad.body.context.fields, JSON.stringify(bad.body));
  });

  it('OpenAPI documents the new routes with examples', async () => {
    const doc = await system.api.get('/openapi.json');
    for (const path of [
      '/v1/borrowers/{borrower_id}/payments/{payment_id}/reverse',
      '/v1/borrowers/{borrower_id}/reimbursements/{reimbursement_id}/create',
      '/v1/borrowers/{borrower_id}/loans/{loan_id}/charge_off',
      '/v1/borrowers/{borrower_id}/loans/{loan_id}/restructurings/{restructuring_id}/create',
      '/v1/borrowers/loans/cancel',
      '/v1/configs/restructurings/{config_id}',
      '/v1/borrowers/{borrower_id}/loans/{loan_id}/payoffs/{payoff_id}/create',
      '/v1/borrowers/{borrower_id}/loans/{loan_id}/payoff',
    ]) assert.ok(doc.body.paths[path], path);
    const charge = doc.body.paths['/v1/borrowers/{borrower_id}/loans/{loan_id}/charge_off'].post;
    assert.equal(charge.responses['200'].content['application/json'].example.charged_off_amount, 1383946.97);
  });
});

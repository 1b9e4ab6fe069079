import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EVENT_TYPES } from '@lsl/contracts';
import { startReceiver, type Receiver } from '@lsl/webhooks/testing';
import { createLoanBody, paymentBody, startSystem, type System } from './helpers.js';

// The corrections of docs/ledger.md through the whole system: HTTP intake → Postgres → queue →
// worker → ledger → result bodies, and each domain event delivered to a webhook receiver.
describe('corrections through the pipeline, with their webhooks', () => {
  let system: System;
  let receiver: Receiver;
  before(async () => {
    receiver = await startReceiver();
    system = await startSystem({ serverWorkerConcurrency: 2, env: { WEBHOOKS_ALLOW_PRIVATE: 'true', WEBHOOKS_POLL_MS: '100' } });
    const created = await system.api.post('/v1/webhooks', { url: receiver.url, events: [...EVENT_TYPES], description: 'corrections' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
  });
  after(async () => {
    await system?.stop();
    await receiver?.close();
  });

  const mig = '?is_migration=true';
  const wait = { prefer: 'wait=20' };
  const loan = async (borrower: string, loanId = 'L1', fields: Record<string, unknown> = {}) => {
    const res = await system.api.post(`/v1/borrowers/${borrower}/loans/${loanId}/create${mig}`, createLoanBody({}, fields), wait);
    assert.equal(res.status, 200, JSON.stringify(res.body));
  };
  const delivered = async (borrower: string, type: string) => (await receiver.waitFor(1, (r) => r.json?.borrower_id === borrower && r.json?.type === type, 30_000))[0]!.json;

  it('balance adjustment: the result body, the status, the event by webhook; above what the bucket owes 409; 400 on 0', async () => {
    await loan('B-adj');
    const body = { balance_adjustment: { effective_date: '2024-02-10T00:00:00-05:00', bucket: 'principal', installment: 1, amount: 20000, reason: 'missed' }, occurred_on: '2024-02-10T10:00:00-05:00', request_id: 'a1' };
    const res = await system.api.post(`/v1/borrowers/B-adj/loans/L1/adjustments/ADJ1/create${mig}`, body, wait);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body, { balance_adjustment: body.balance_adjustment, id: 'ADJ1', kordev_id: 2, loan_id: 'L1', request_id: 'a1' });
    // derive.py "spec-balance-adjustment": 14 days of delinquency on 205 987.30
    const status = await system.api.get('/v1/borrowers/B-adj/get_status?calculation_date=2024-03-01');
    assert.equal(status.body.loans[0].balance_detail.at_calculation_date.delinquency_interest.total, 2573.33);
    const event = await delivered('B-adj', 'loan.balance_adjusted');
    assert.equal(event.loan_id, 'L1');
    assert.deepEqual([event.data.adjustment_id, event.data.amount, event.data.bucket, event.data.installment], ['ADJ1', 20000, 'principal', 1]);
    const history = await system.api.get('/v1/borrowers/B-adj/get_history');
    assert.equal(history.body.records.filter((r: any) => r.step_type === 'BALANCE_ADJUSTMENT').length, 1);

    const tooMuch = await system.api.post(`/v1/borrowers/B-adj/loans/L1/adjustments/ADJ2/create${mig}`, { ...body, balance_adjustment: { ...body.balance_adjustment, bucket: 'interest', amount: -40000 } }, wait);
    assert.equal(tooMuch.status, 409, JSON.stringify(tooMuch.body));
    assert.equal(tooMuch.body.code, 40925);
    assert.equal(tooMuch.body.context.owed, 33642.89);
    const zero = await system.api.post(`/v1/borrowers/B-adj/loans/L1/adjustments/ADJ3/create${mig}`, { ...body, balance_adjustment: { ...body.balance_adjustment, amount: 0 } });
    assert.equal(zero.status, 400);
    assert.ok('balance_adjustment.amount' in zero.body.context.fields, JSON.stringify(zero.body));
  });

  it('revert a cancellation: open again as if never cancelled; not cancelled / already reverted 409; the event by webhook', async () => {
    await loan('B-rc');
    const paid = await system.api.post(`/v1/borrowers/B-rc/payments/P1/create${mig}`, paymentBody(100000, '2024-02-10', 'p1'), wait);
    assert.equal(paid.status, 200);
    const notYet = await system.api.post(`/v1/borrowers/B-rc/loans/L1/cancellation/revert${mig}`, { occurred_on: '2024-02-20T10:00:00-05:00', request_id: 'early' }, wait);
    assert.equal(notYet.status, 409, JSON.stringify(notYet.body));
    assert.equal(notYet.body.code, 40926);
    const cancelled = await system.api.post(`/v1/borrowers/B-rc/loans/L1/cancel${mig}`, { loan_cancellation: { effective_date: '2024-03-01T00:00:00-05:00' }, occurred_on: '2024-03-01T10:00:00-05:00', request_id: 'c1' }, wait);
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
    const body = { cancellation_reversal: { reason: 'by mistake' }, occurred_on: '2024-03-10T10:00:00-05:00', request_id: 'rv1' };
    const res = await system.api.post(`/v1/borrowers/B-rc/loans/L1/cancellation/revert${mig}`, body, wait);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.loan_id, 'L1');
    assert.equal(res.body.cancellation_date, '2024-03-01T00:00:00-05:00');
    assert.deepEqual(res.body.cancellation_reversal, { reason: 'by mistake' });
    assert.equal(res.body.request_id, 'rv1');
    const status = await system.api.get('/v1/borrowers/B-rc/get_status?calculation_date=2024-03-11');
    assert.equal(status.body.loans[0].attributes.is_cancelled, false);
    assert.equal(status.body.positive_balance, 0);
    const event = await delivered('B-rc', 'loan.cancellation_reverted');
    assert.deepEqual([event.loan_id, event.data.cancellation_date, event.data.reason], ['L1', '2024-03-01T00:00:00-05:00', 'by mistake']);
    const again = await system.api.post(`/v1/borrowers/B-rc/loans/L1/cancellation/revert${mig}`, { ...body, request_id: 'rv2' }, wait);
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 40927);
    const unknown = await system.api.post(`/v1/borrowers/B-rc/loans/L9/cancellation/revert${mig}`, body, wait);
    assert.equal(unknown.status, 404);
  });

  it('cancel a consolidation: originals open, new loan gone, its payment to positive balance; 404, 409; the event by webhook', async () => {
    await loan('B-cc', 'L1');
    await loan('B-cc', 'L2');
    const consolidation = {
      loan_consolidation: {
        consolidation_config: 'DEFAULT', delinquency_interest_rate: 0.3, due_dates: ['2024-04-01T23:59:59.999999-05:00', '2024-05-01T23:59:59.999999-05:00'],
        effective_date: '2024-03-01T00:00:00-05:00', interest_rate: 0.3, loan_config: 'DEFAULT', original_loans: ['L1', 'L2'], owner: 'BANK_1',
      },
      occurred_on: '2024-03-01T10:00:00-05:00', request_id: 'k1',
    };
    const made = await system.api.post(`/v1/borrowers/B-cc/loans/consolidations/C1/create${mig}`, consolidation, wait);
    assert.equal(made.status, 200, JSON.stringify(made.body));
    const toC1 = { ...paymentBody(40000, '2024-03-20', 'p2'), payment_allocations: [{ loan_id: 'C1', amount: 40000 }] };
    assert.equal((await system.api.post(`/v1/borrowers/B-cc/payments/P2/create${mig}`, toC1, wait)).status, 200);
    const unknown = await system.api.post(`/v1/borrowers/B-cc/loans/consolidations/C9/cancel${mig}`, { occurred_on: '2024-03-25T10:00:00-05:00' }, wait);
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.code, 40421);
    const res = await system.api.post(`/v1/borrowers/B-cc/loans/consolidations/C1/cancel${mig}`, { consolidation_cancellation: { reason: 'booked by mistake' }, occurred_on: '2024-03-25T10:00:00-05:00', request_id: 'x1' }, wait);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual([res.body.consolidation_id, res.body.original_loans, res.body.consolidation_date], ['C1', ['L1', 'L2'], '2024-03-01T00:00:00-05:00']);
    const status = await system.api.get('/v1/borrowers/B-cc/get_status?calculation_date=2024-03-21');
    assert.deepEqual(status.body.loans.map((l: any) => l.attributes.id ?? l.id), ['L1', 'L2']);
    assert.equal(status.body.positive_balance, 40000);
    const event = await delivered('B-cc', 'loan.consolidation_cancelled');
    assert.deepEqual([event.loan_id, event.data.consolidation_id, event.data.original_loans], ['C1', 'C1', ['L1', 'L2']]);
    // a new id for the same consolidation: the key is borrower + consolidation, so this is the ledger's 409
    const twice = await system.api.post(`/v1/borrowers/B-cc/loans/consolidations/C1/cancel${mig}`, { consolidation_cancellation: { reason: 'booked by mistake' }, occurred_on: '2024-03-25T10:00:00-05:00', request_id: 'x1' });
    assert.equal(twice.headers.get('idempotent-replayed'), 'true');
  });
});

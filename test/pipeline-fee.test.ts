import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EVENT_TYPES } from '@lsl/contracts';
import { startReceiver, type Receiver } from '@lsl/webhooks/testing';
import { createLoanBody, startSystem, type System } from './helpers.js';

// Scratch: a made-up operation added through the two declarations only (docs/architecture.md).
describe('create_fee through the pipeline', () => {
  let system: System;
  let receiver: Receiver;
  before(async () => {
    receiver = await startReceiver();
    system = await startSystem({ env: { WEBHOOKS_ALLOW_PRIVATE: 'true', WEBHOOKS_POLL_MS: '100' } });
    const created = await system.api.post('/v1/webhooks', { url: receiver.url, events: [...EVENT_TYPES], description: 'fee' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
  });
  after(async () => {
    await system?.stop();
    await receiver?.close();
  });

  it('charges the fee: the result body, the history step, get_events and the webhook', async () => {
    const wait = { prefer: 'wait=20' };
    const loan = await system.api.post('/v1/borrowers/B-fee/loans/L1/create?is_migration=true', createLoanBody({}, {}), wait);
    assert.equal(loan.status, 200, JSON.stringify(loan.body));
    const body = { fee: { amount: 5000, effective_date: '2024-02-10T00:00:00-05:00', note: 'kept' }, occurred_on: '2024-02-10T10:00:00-05:00', request_id: 'f1' };
    const res = await system.api.post('/v1/borrowers/B-fee/loans/L1/fees/F1/create?is_migration=true', body, wait);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body, { fee: body.fee, id: 'F1', kordev_id: 2, loan_id: 'L1', request_id: 'f1' });
    const history = await system.api.get('/v1/borrowers/B-fee/get_history');
    assert.equal(history.body.records.filter((r: { step_type: string }) => r.step_type === 'FEE_CHARGE').length, 1);
    const events = await system.api.get('/v1/borrowers/B-fee/get_events');
    assert.equal(events.status, 200, JSON.stringify(events.body));
    assert.equal(events.body.events.loan_fee_charged.length, 1);
    const [delivery] = await receiver.waitFor(1, (r) => r.json?.borrower_id === 'B-fee' && r.json?.type === 'loan.fee_charged', 30_000);
    assert.deepEqual([delivery!.json.data.fee_id, delivery!.json.data.amount], ['F1', 5000]);
    const unknown = await system.api.post('/v1/borrowers/B-fee/loans/L9/fees/F2/create?is_migration=true', body, wait);
    assert.equal(unknown.status, 404, JSON.stringify(unknown.body));
    const bad = await system.api.post('/v1/borrowers/B-fee/loans/L1/fees/F3/create', { fee: { amount: -1 } });
    assert.equal(bad.status, 400, JSON.stringify(bad.body));
  });
});

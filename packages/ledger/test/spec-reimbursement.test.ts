/**
 * docs/ledger.md "Reimbursement": the positive balance falls by the value on the effective
 * day; more than the positive balance of that day is 409.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, historyOf } from '../src/index.js';
import { TZ } from './fixtures/ops.js';
import { LifecycleBook, reimbursement } from './fixtures/lifecycle-ops.js';
import { m, positiveBalance } from './fixtures/read.js';

const SMALL = { amount: 3000, rate: 0, origination: '2024-01-15', dues: ['2024-02-01'] };

function overpaid() {
  const b = new LifecycleBook();
  b.loan('L1', SMALL);
  b.pay('P1', 3500, '2024-01-20'); // 500 positive balance
  return b;
}

test('the positive balance falls by the value; the body echoes the request', () => {
  const b = overpaid();
  const body = b.reimburse('RB1', '2024-01-25', 200);
  assert.deepEqual(Object.keys(body), ['id', 'kordev_id', 'positive_balance_after', 'reimbursement', 'request_id']);
  assert.equal(body.id, 'RB1');
  assert.equal(m(body.positive_balance_after), '300.00');
  assert.deepEqual(body.reimbursement, { effective_date: '2024-01-25T00:00:00-05:00', value: 200 });
  assert.equal(positiveBalance(b.status('2024-01-24')), '500.00');
  assert.equal(positiveBalance(b.status('2024-01-25')), '300.00');
  const [entry] = historyOf(b.state, TZ).filter((e) => e.step_type === 'REIMBURSEMENT');
  assert.deepEqual([entry!.bucket_type, entry!.bucket_status, entry!.delta, entry!.balance], ['positive_balance', 'reimbursed', -200, 300]);
});

test('more than the positive balance on that day: 409; before the overpayment: 409', () => {
  const b = overpaid();
  b.refuse(reimbursement(b.next(), 'RB1', '2024-01-25', 500.01), 'reimbursement_exceeds_positive_balance');
  b.refuse(reimbursement(b.next(), 'RB2', '2024-01-19', 1), 'reimbursement_exceeds_positive_balance');
  b.reimburse('RB3', '2024-01-25', 500);
  assert.equal(positiveBalance(b.status('2024-02-01')), '0.00');
});

test('value must be positive (400)', () => {
  const b = overpaid();
  const out = apply(b.state, reimbursement(b.next(), 'RB1', '2024-01-25', 0), TZ);
  assert.equal(out.result.statusCode, 400);
});

test('domain event positive_balance.reimbursed with the body essentials', () => {
  const b = overpaid();
  const out = apply(b.state, reimbursement(b.next(), 'RB1', '2024-01-25', 200), TZ);
  assert.ok(out.result.ok);
  assert.deepEqual(out.result.events, [{
    type: 'positive_balance.reimbursed', loan_id: null, effective_date: '2024-01-25',
    payload: { back_dated: false, kordev_id: 3, positive_balance_after: 300, reimbursement_id: 'RB1', replayed_operations: 0, value: 200 },
  }]);
});

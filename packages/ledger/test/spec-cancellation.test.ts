/**
 * docs/ledger.md Cancellation: from its effective date a cancelled loan owes nothing (outstanding
 * closed); what was paid on it moves to the borrower's positive balance.
 * Worked example, R 0. 100000 on 01-20 pays inst1 fee 10000, interest 33642.89, principal
 * 56357.11 (derive.py "cancellation"); principal left 1143642.89.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Book, WORKED, cancel, waiver, at10 } from './fixtures/ops.js';
import { bucket, BUCKETS, isCancelled, positiveBalance } from './fixtures/read.js';

function paidThenCancelled() {
  const b = new Book();
  b.loan('L1', { ...WORKED, drate: 0 });
  b.pay('P1', 100000, '2024-01-20');
  b.cancel('L1', '2024-01-25');
  return b;
}

test('before the effective day the loan is as it was', () => {
  const s = paidThenCancelled().status('2024-01-24');
  assert.equal(isCancelled(s, 'L1'), false);
  assert.equal(bucket(s, 'L1', 'principal').total, '1143642.89');
  assert.equal(positiveBalance(s), '0.00');
});

test('from the effective day: owes nothing, paid moves to positive balance', () => {
  const b = paidThenCancelled();
  for (const day of ['2024-01-25', '2024-03-01', '2024-12-31']) {
    const s = b.status(day);
    assert.equal(isCancelled(s, 'L1'), true, day);
    for (const k of BUCKETS) {
      const x = bucket(s, 'L1', k);
      assert.deepEqual([x.total, x.unpaid, x.overdue, x.current], ['0.00', '0.00', '0.00', '0.00'], `${day} ${k}`);
    }
    assert.equal(positiveBalance(s), '100000.00', day);
  }
});

test('closed amounts keep initial = paid + waived + closed + outstanding', () => {
  const s = paidThenCancelled().status('2024-03-01');
  for (const k of ['principal', 'interest', 'installment_fee'] as const) {
    const x = bucket(s, 'L1', k);
    const sum = Number(x.paid) + Number(x.waived) + Number(x.closed) + Number(x.total);
    assert.equal(sum.toFixed(2), x.initial, `${k}: ${JSON.stringify(x)}`);
  }
});

test('a later payment with nothing owed becomes positive balance', () => {
  const b = paidThenCancelled();
  b.pay('P2', 5000, '2024-02-01');
  assert.equal(positiveBalance(b.status('2024-02-01')), '105000.00');
});

test('the positive balance from a cancellation pays another loan on its due day', () => {
  // L1 cancelled on 01-25 -> 100000 positive balance; L2 (3000 EA 0, dues 02-10, 03-10:
  // 1500 each) -> end of 02-10: 1500 applied (shown from 02-11), 98500 left.
  const b = new Book();
  b.loan('L1', { ...WORKED, drate: 0 });
  b.loan('L2', { amount: 3000, rate: 0, origination: '2024-01-15', dues: ['2024-02-10', '2024-03-10'] });
  b.pay('P1', 100000, '2024-01-20', [{ loan_id: 'L1', amount: 100000 }]);
  b.cancel('L1', '2024-01-25');
  const s = b.status('2024-02-11');
  assert.equal(positiveBalance(s), '98500.00');
  assert.equal(bucket(s, 'L2', 'principal').paid, '1500.00');
  assert.equal(bucket(s, 'L2', 'principal').total, '1500.00');
});

test('a back-dated cancellation sends a later payment to the positive balance', () => {
  // payment 100000 on 02-01 (seq 2), cancellation effective 01-25 accepted after (seq 3):
  // from 01-25 L1 owes nothing, so the 02-01 payment is all positive balance.
  const b = new Book();
  b.loan('L1', { ...WORKED, drate: 0 });
  b.pay('P1', 100000, '2024-02-01');
  b.cancel('L1', '2024-01-25');
  const s = b.status('2024-02-01');
  assert.equal(positiveBalance(s), '100000.00');
  assert.equal(bucket(s, 'L1', 'principal').paid, '0.00');
});

test('without effective_date it takes effect on the day it is recorded', () => {
  const b = new Book();
  b.loan('L1', { ...WORKED, drate: 0 });
  b.cancel('L1', null, '2024-03-01T02:00:00Z'); // 2024-02-29 21:00 in Bogota
  assert.equal(isCancelled(b.status('2024-02-28'), 'L1'), false);
  assert.equal(isCancelled(b.status('2024-02-29'), 'L1'), true);
  assert.equal(bucket(b.status('2024-02-29'), 'L1', 'principal').total, '0.00');
});

test('no delinquency interest, late fee or daily fee after cancellation', () => {
  const b = new Book();
  b.loan('L1', { ...WORKED, daily: 1000 }, { late_fee_amount: 5000 });
  b.cancel('L1', '2024-01-15');
  const s = b.status('2024-04-01');
  for (const k of ['delinquency_interest', 'daily_fee', 'late_fee'] as const) assert.equal(bucket(s, 'L1', k).total, '0.00', k);
});

test('refusals: unknown loan 404, cancelled loan 409 (cancel again, waive)', () => {
  const b = paidThenCancelled();
  b.refuse(cancel(b.next(), 'NOPE', '2024-02-01'), 'loan_not_found');
  b.refuse(cancel(b.next(), 'L1', '2024-02-01'), 'loan_cancelled');
  b.refuse(waiver(b.next(), 'L1', 'W1', { bucket: 'principal', type: 'amount', amount: 1, day: '2024-02-01' }), 'loan_cancelled');
  void at10;
});

/**
 * docs/ledger.md "Balance adjustment". Worked example (R 0.3848); figures from derive.py,
 * section spec-balance-adjustment: +20000 on installment 1's principal on 02-10 makes the 14
 * days of delinquency (02-16..02-29) 2573.33 instead of 2323.47; −5000 on its interest leaves
 * 28642.89, and a payment of 100000 on 02-10 then pays 61357.11 of principal.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, historyOf } from '../src/index.js';
import { TZ, WORKED, payment } from './fixtures/ops.js';
import { CorrectionBook, adjustment } from './fixtures/correction-ops.js';
import { bucket, isCancelled } from './fixtures/read.js';

function book() {
  const b = new CorrectionBook();
  b.loan('L1', WORKED);
  return b;
}

test('a positive amount adds to the bucket; interest is not recomputed, delinquency accrues on the larger principal', () => {
  const b = book();
  const body = b.adjust('L1', 'ADJ1', { day: '2024-02-10', bucket: 'principal', amount: 20000, installment: 1, reason: 'missed disbursement' });
  assert.deepEqual(Object.keys(body), ['balance_adjustment', 'id', 'kordev_id', 'loan_id', 'request_id']);
  assert.deepEqual(body.balance_adjustment, { effective_date: '2024-02-10T00:00:00-05:00', bucket: 'principal', amount: 20000, reason: 'missed disbursement', installment: 1 });
  assert.equal(body.id, 'ADJ1');
  assert.equal(body.loan_id, 'L1');
  assert.equal(bucket(b.status('2024-02-09'), 'L1', 'principal').current, '185987.30');
  assert.equal(bucket(b.status('2024-02-10'), 'L1', 'principal').current, '205987.30');
  assert.equal(bucket(b.status('2024-02-10'), 'L1', 'interest').current, '33642.89');
  assert.equal(bucket(b.status('2024-03-01'), 'L1', 'delinquency_interest').overdue, '2573.33');
  const entry = historyOf(b.state, TZ).find((e) => e.step_type === 'BALANCE_ADJUSTMENT');
  assert.deepEqual([entry!.bucket_type, entry!.bucket_status, entry!.delta, entry!.installment_number], ['principal', 'adjusted', 20000, 1]);
});

test('a negative amount removes; the default installment is the current one', () => {
  const b = book();
  const body = b.adjust('L1', 'ADJ1', { day: '2024-02-10', bucket: 'interest', amount: -5000 });
  assert.equal(body.balance_adjustment.installment, 1);
  assert.equal(bucket(b.status('2024-02-10'), 'L1', 'interest').current, '28642.89');
  b.pay('P1', 100000, '2024-02-10');
  assert.equal(bucket(b.status('2024-02-11'), 'L1', 'principal').paid, '61357.11');
  // after the last due day the default is the last installment
  const late = b.adjust('L1', 'ADJ2', { day: '2024-08-01', bucket: 'late_fee', amount: 100 });
  assert.equal(late.balance_adjustment.installment, 6);
});

test('removing more than the bucket owes is 409 with what it owes; unknown installment 404; unknown, cancelled loan', () => {
  const b = book();
  const refused = b.refuse(adjustment(b.next(), 'L1', 'ADJ1', { day: '2024-02-10', bucket: 'interest', amount: -33642.90, installment: 1 }), 'adjustment_exceeds_owed');
  assert.deepEqual(refused.context, { adjustment_id: 'ADJ1', amount: -33642.9, borrower_id: 'B1', bucket: 'interest', installment: 1, loan_id: 'L1', owed: 33642.89 });
  b.refuse(adjustment(b.next(), 'L1', 'ADJ2', { day: '2024-02-10', bucket: 'late_fee', amount: -0.01 }), 'adjustment_exceeds_owed');
  b.refuse(adjustment(b.next(), 'L1', 'ADJ3', { day: '2024-02-10', bucket: 'principal', amount: 1, installment: 7 }), 'installment_not_found');
  b.refuse(adjustment(b.next(), 'L9', 'ADJ4', { day: '2024-02-10', bucket: 'principal', amount: 1 }), 'loan_not_found');
  // exactly what it owes is accepted
  b.adjust('L1', 'ADJ5', { day: '2024-02-10', bucket: 'interest', amount: -33642.89, installment: 1 });
  b.cancel('L1', '2024-02-11');
  assert.ok(isCancelled(b.status('2024-02-12'), 'L1'));
  b.refuse(adjustment(b.next(), 'L1', 'ADJ6', { day: '2024-02-12', bucket: 'principal', amount: 1 }), 'loan_cancelled');
});

test('a back-dated payment leaves less to remove: the replayed adjustment removes what there is', () => {
  const b = book();
  b.adjust('L1', 'ADJ1', { day: '2024-02-10', bucket: 'interest', amount: -30000, installment: 1 });
  // paid before the adjustment: 10000 fee, then 33642.89 interest; 3642.89 of it is left... 0 after
  b.ok(payment(b.next(), 'P1', 43642.89, '2024-02-05'));
  const interest = bucket(b.status('2024-02-11'), 'L1', 'interest');
  assert.equal(interest.current, '0.00');
  assert.equal(interest.paid, '33642.89');
});

test('domain event loan.balance_adjusted', () => {
  const b = book();
  const out = apply(b.state, adjustment(b.next(), 'L1', 'ADJ1', { day: '2024-02-10', bucket: 'principal', amount: 20000 }), TZ);
  assert.ok(out.result.ok);
  assert.deepEqual(out.result.events, [{
    type: 'loan.balance_adjusted', loan_id: 'L1', effective_date: '2024-02-10',
    payload: { adjustment_id: 'ADJ1', amount: 20000, back_dated: false, balance_after: 205987.3, bucket: 'principal', installment: 1, kordev_id: 2, reason: 'correction', replayed_operations: 0 },
  }]);
});

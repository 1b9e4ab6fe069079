/**
 * docs/ledger.md "Charge-off". Worked example (R 0.3848), charged off on 2024-03-20; figures
 * from derive.py "charge-off":
 *   delinquency through 03-19: inst1 5476.76 (33 days), inst2 689.09 (4 days);
 *   charged off 1200000 + 117781.12 + 60000 + 6165.85 = 1383946.97;
 *   recovery 50000 on 04-01: inst1 delinquency 5476.76, fee 10000, interest 33642.89, principal 880.35;
 *   a 100000 payment back-dated to 03-01: charged off 1283030.86 (inst1 delinquency left 2237.18).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { historyOf } from '../src/index.js';
import { cancel, payment, TZ, WORKED, waiver, createLoan } from './fixtures/ops.js';
import { chargeOff, LifecycleBook, restructuring } from './fixtures/lifecycle-ops.js';
import { attrs, bucket, BUCKETS, m, rawBucket, summary, positiveBalance } from './fixtures/read.js';

function charged() {
  const b = new LifecycleBook();
  b.loan('L1', WORKED);
  const body = b.chargeOff('L1', '2024-03-20');
  return { b, body };
}

const chargedOffOf = (s: any, loan: string, k: (typeof BUCKETS)[number]) => m(rawBucket(s, loan, k).charged_off);

test('everything owed moves to charged_off; current, overdue, unpaid and total become 0', () => {
  const { b, body } = charged();
  assert.equal(m(body.charged_off_amount), '1383946.97');
  assert.equal(body.loan_id, 'L1');
  assert.equal(body.effective_date, '2024-03-20T00:00:00-05:00');
  assert.equal(body.id, 'op-2');
  assert.equal(typeof body.kordev_id, 'number');
  const s = b.status('2024-03-20');
  assert.equal(chargedOffOf(s, 'L1', 'principal'), '1200000.00');
  assert.equal(chargedOffOf(s, 'L1', 'interest'), '117781.12');
  assert.equal(chargedOffOf(s, 'L1', 'installment_fee'), '60000.00');
  assert.equal(chargedOffOf(s, 'L1', 'delinquency_interest'), '6165.85');
  for (const k of BUCKETS) {
    const x = rawBucket(s, 'L1', k);
    for (const f of ['current', 'overdue', 'unpaid', 'total']) assert.equal(m(x[f]), '0.00', `${k} ${f}`);
  }
  assert.equal(attrs(s, 'L1').chargeoff_date, '2024-03-20');
  assert.equal(attrs(b.status('2024-03-19'), 'L1').chargeoff_date, null);
  const sum = summary(s);
  assert.equal(m(sum.charged_off_amount), '1383946.97');
  assert.equal(m(sum.full_payment_amount), '0.00');
  assert.equal(m(sum.immediate_payment_amount), '0.00');
  assert.equal(sum.days_past_due, 0);
  assert.equal(sum.next_payment_date, null);
});

test('no accruals after the charge-off: a year later the figures are the same', () => {
  const { b } = charged();
  const later = b.status('2025-03-20');
  assert.equal(chargedOffOf(later, 'L1', 'delinquency_interest'), '6165.85');
  assert.equal(m(summary(later).charged_off_amount), '1383946.97');
});

test('a later payment to the loan is a recovery: paid rises, charged_off falls, in payment order', () => {
  const { b } = charged();
  const body = b.pay('P1', 50000, '2024-04-01', [{ loan_id: 'L1', amount: 50000 }]);
  const split = body.applied_allocations[0].buckets;
  assert.equal(m(split.delinquency_interest), '5476.76');
  assert.equal(m(split.installment_fee), '10000.00');
  assert.equal(m(split.interest), '33642.89');
  assert.equal(m(split.principal), '880.35');
  assert.equal(m(body.positive_balance_amount), '0.00');
  const s = b.status('2024-04-02');
  assert.equal(m(summary(s).charged_off_amount), '1333946.97');
  assert.equal(bucket(s, 'L1', 'principal').paid, '880.35');
  assert.equal(chargedOffOf(s, 'L1', 'principal'), '1199119.65');
  assert.equal(bucket(s, 'L1', 'principal').total, '0.00');
  // recovered entries leave the outstanding (0) untouched
  const entries = historyOf(b.state, TZ).filter((e) => e.bucket_status === 'recovered');
  assert.equal(entries.length, 4);
  for (const e of entries) assert.equal(e.delta, 0);
});

test('an unallocated payment pays open loans first, then recovers, then becomes positive balance', () => {
  const b = new LifecycleBook();
  b.loan('L1', WORKED);
  b.loan('L2', { amount: 3000, rate: 0, origination: '2024-01-15', dues: ['2024-02-01'] });
  b.chargeOff('L1', '2024-03-20');
  const body = b.pay('P1', 1383946.97 + 3000 + 10, '2024-04-01');
  const byLoan = Object.fromEntries(body.applied_allocations.map((a: any) => [a.loan_id, m(a.amount)]));
  assert.deepEqual(byLoan, { L2: '3000.00', L1: '1383946.97' });
  assert.equal(m(body.positive_balance_amount), '10.00');
  const s = b.status('2024-04-02');
  assert.equal(m(summary(s).charged_off_amount), '0.00');
  assert.equal(attrs(s, 'L1').paid_off_date, '2024-04-01');
});

test('the positive balance never pays a charged-off loan (its due days do not trigger it)', () => {
  const b = new LifecycleBook();
  b.loan('L1', WORKED);
  b.loan('L2', { amount: 3000, rate: 0, origination: '2024-01-15', dues: ['2024-02-01'] });
  b.pay('P0', 3500, '2024-01-20', [{ loan_id: 'L2', amount: 3500 }]); // 500 positive balance
  b.chargeOff('L1', '2024-01-25');
  const s = b.status('2024-02-16');
  assert.equal(positiveBalance(s), '500.00');
  assert.equal(bucket(s, 'L1', 'principal').paid, '0.00');
});

test('refusals: unknown 404, already charged off / cancelled / consolidated 409; waiver, cancel, restructuring of it 409', () => {
  const { b } = charged();
  b.refuse(chargeOff(b.next(), 'NOPE', '2024-03-21'), 'loan_not_found');
  b.refuse(chargeOff(b.next(), 'L1', '2024-03-21'), 'loan_charged_off');
  b.refuse(waiver(b.next(), 'L1', 'W1', { bucket: 'all', type: 'percentage', percentage: 0.5, day: '2024-03-21' }), 'loan_charged_off');
  b.refuse(cancel(b.next(), 'L1', '2024-03-21'), 'loan_charged_off');
  b.refuse(restructuring(b.next(), 'L1', 'R1', { day: '2024-03-21', dues: ['2024-05-01'] }), 'loan_charged_off');
  const c = new LifecycleBook();
  c.loan('L1', WORKED);
  c.cancel('L1', '2024-02-01');
  c.refuse(chargeOff(c.next(), 'L1', '2024-03-01'), 'loan_cancelled');
});

test('back-dated: a payment effective before the charge-off lowers what was charged off', () => {
  const { b } = charged();
  b.ok(payment(b.next(), 'P1', 100000, '2024-03-01'));
  const s = b.status('2024-03-20');
  assert.equal(m(summary(s).charged_off_amount), '1283030.86');
  assert.equal(chargedOffOf(s, 'L1', 'delinquency_interest'), '2926.27'); // 2237.18 + 689.09
  assert.equal(bucket(s, 'L1', 'principal').paid, '54033.64');
});

test('back-dated: a charge-off effective before a later payment turns the payment into a recovery', () => {
  const b = new LifecycleBook();
  b.loan('L1', WORKED);
  b.pay('P1', 50000, '2024-04-01', [{ loan_id: 'L1', amount: 50000 }]);
  b.ok(chargeOff(b.next(), 'L1', '2024-03-20'));
  const s = b.status('2024-04-02');
  assert.equal(m(summary(s).charged_off_amount), '1333946.97');
  assert.equal(bucket(s, 'L1', 'principal').paid, '880.35');
});

test('a charge-off is listed in the history, every bucket, step charge_off', () => {
  const { b } = charged();
  const entries = historyOf(b.state, TZ).filter((e) => e.step_type === 'CHARGE_OFF');
  assert.ok(entries.length > 0);
  let sum = 0;
  for (const e of entries) {
    assert.equal(e.bucket_status, 'charged_off');
    assert.equal(e.balance, 0);
    sum += Math.round(e.delta * 100);
  }
  assert.equal(sum, -138394697);
});

test('charged_off_amount sums over loans; another loan keeps accruing', () => {
  const b = new LifecycleBook();
  b.loan('L1', WORKED);
  b.ok(createLoan(b.next(), 'L2', { ...WORKED, amount: 1000 }));
  b.chargeOff('L1', '2024-03-20');
  const s = b.status('2024-03-25');
  assert.equal(m(summary(s).charged_off_amount), '1383946.97');
  assert.ok(summary(s).days_past_due > 0);
});

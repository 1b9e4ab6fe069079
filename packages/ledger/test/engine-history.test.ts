/**
 * History: every bucket change, and consistency with the status: for every (loan,
 * installment, bucket) the deltas sum to the outstanding amount the status shows. Summary
 * figures hand-checked on the worked example.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { historyOf, statusAt } from '../src/index.js';
import { cancel, createLoan, LOAN_CONFIG, payment, resetSeq, run, TZ, waiver } from './engine-helpers.js';

test('history deltas sum to the outstanding amounts of the status, bucket by bucket', () => {
  resetSeq();
  const s = run([
    createLoan('L1', { daily_fee_charge: 37.5 }, { ...LOAN_CONFIG, late_fee_amount: 5000, late_fee_grace_days: 2, daily_fee_max_charge: 2000 }),
    createLoan('L2', { amount_financed: 5000, interest_rate: 0, installment_fee_charge: null }),
    payment('P1', 123456.78, '2024-02-20'),
    waiver('L1', 'W1', '2024-03-01', { type: 'percentage', percentage: 0.5, bucket: 'delinquency_interest' }),
    payment('P2', 10000, '2024-03-10', [{ loan_id: 'L2', amount: 10000 }]),
    cancel('L2', '2024-03-20'),
    payment('P3', 1000, '2024-04-02'),
  ]);
  const day = '2024-05-01';
  const sums = new Map<string, number>();
  for (const h of historyOf(s, TZ, day)) {
    const key = `${h.loan_id}|${h.installment_number}|${h.bucket_type}`;
    sums.set(key, Math.round(((sums.get(key) ?? 0) + h.delta) * 100) / 100);
  }
  const status = statusAt(s, day, TZ);
  for (const loan of status.loans) {
    for (const inst of loan.installments) {
      for (const [bucket, b] of Object.entries(inst.buckets)) {
        assert.equal(sums.get(`${loan.attributes.id}|${inst.number}|${bucket}`) ?? 0, b.outstanding, `${loan.attributes.id} ${inst.number} ${bucket}`);
      }
    }
  }
  assert.equal(sums.get('|null|positive_balance') ?? 0, status.positive_balance - (sums.get('L2|null|positive_balance') ?? 0));
  const steps = new Set(historyOf(s, TZ, day).map((h) => h.step_type));
  for (const step of ['origination', 'payment', 'waiver', 'cancellation', 'late_fee', 'delinquency_interest_accrual', 'daily_fee_accrual']) {
    assert.ok(steps.has(step), step);
  }
});

test('summary: days past due, immediate, next and full payment amounts', () => {
  resetSeq();
  const s = run([createLoan('L1')]);
  // On 02-20 installment 1 (229 630.19 with its fee, plus 4 days of delinquency interest on
  // 185 987.30: 02-16..02-19 = 663.85) is overdue; installment 2 (03-15) is next.
  const st = statusAt(s, '2024-02-20', TZ);
  assert.equal(st.summary.days_past_due, 5);
  assert.equal(st.summary.immediate_payment_amount, 230294.04); // 229 630.19 + 663.85
  assert.equal(st.summary.next_payment_date, '2024-03-15');
  assert.equal(st.summary.next_payment_amount, 229630.19);
  assert.equal(st.summary.full_payment_amount, 1378444.97); // 1 200 000 + 117 781.12 + 60 000 + 663.85
  assert.equal(st.loans[0]!.installments[0]!.state, 'overdue');
  assert.equal(st.loans[0]!.installments[1]!.state, 'current');
});

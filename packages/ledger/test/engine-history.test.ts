/**
 * History: every bucket change, and consistency with the status: for every (loan,
 * installment, bucket) the deltas sum to the outstanding amount the status shows. Summary
 * figures hand-checked on the worked example.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { historyOf, statusAt } from '../src/index.js';
import { cancel, createLoan, LOAN_CONFIG, payment, resetSeq, run, transfer, TZ, waiver } from './engine-helpers.js';

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
  assert.equal(sums.get('null|null|positive_balance') ?? 0, status.positive_balance - (sums.get('L2|null|positive_balance') ?? 0));
  const steps = new Set(historyOf(s, TZ, day).map((h) => h.step_type));
  for (const step of ['ORIGINATION', 'PAYMENT_APPLICATION', 'WAIVER', 'CANCELLATION', 'LATE_FEE_CHARGE', 'DELINQUENCY_INTEREST_ACCRUAL', 'DAILY_FEE_ACCRUAL']) {
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
  // The payoff quote: principal, installment 1, 5/29 of installment 2's interest and fee, 663.85 (derive.py)
  assert.equal(st.summary.full_payment_amount, 1250612.03);
  assert.equal(st.loans[0]!.installments[0]!.state, 'overdue');
  assert.equal(st.loans[0]!.installments[1]!.state, 'current');
});

test('accruals of a bucket are one history entry until something else moves that bucket', () => {
  resetSeq();
  // Installment 1 is overdue from 02-16 (no daily fee, no late fee); payments of 10 on 03-01,
  // 03-10 and 03-20 go to its delinquency interest first: each payment writes the accrual
  // entry accumulated since the previous movement, then its own.
  const s = run([createLoan('L1'), payment('P1', 10, '2024-03-01'), payment('P2', 10, '2024-03-10'), payment('P3', 10, '2024-03-20')]);
  const di = historyOf(s, TZ).filter((h) => h.bucket_type === 'delinquency_interest' && h.installment_number === 1);
  assert.deepEqual(di.map((h) => [h.bucket_status, h.effective_date]), [
    ['initial', '2024-02-29'], ['paid', '2024-03-01'],
    ['initial', '2024-03-09'], ['paid', '2024-03-10'],
    ['initial', '2024-03-19'], ['paid', '2024-03-20'],
  ]);
  // 14 days (02-16..02-29) on 185 987.30 at 0.0008923313837879825 a day = 2 323.47.
  assert.equal(di[0]!.delta, 2323.47);
  // Installment 2 has been accruing since 03-16 without any movement: one entry, read as of the last day.
  const di2 = historyOf(s, TZ, '2024-04-01').filter((h) => h.bucket_type === 'delinquency_interest' && h.installment_number === 2);
  assert.equal(di2.length, 1);
  assert.equal(di2[0]!.effective_date, '2024-03-31');
  const days = historyOf(s, TZ, '2024-04-01').map((h) => h.effective_date);
  assert.deepEqual(days, [...days].sort(), 'history is in day order');
});

test('a transfer leaves one history entry on the loan: bucket owner, delta and balance 0, the new owner', () => {
  resetSeq();
  const s = run([createLoan('L1'), transfer('L1', 'BANK_9', '2024-01-26')]);
  const entries = historyOf(s, TZ).filter((h) => h.step_type === 'OWNERSHIP_TRANSFER');
  assert.deepEqual(entries, [{
    loan_id: 'L1', installment_number: null, bucket_type: 'owner', bucket_status: 'transferred', delta: 0, balance: 0,
    effective_date: '2024-01-26', step_type: 'OWNERSHIP_TRANSFER', operation_id: entries[0]!.operation_id, new_owner: 'BANK_9',
  }]);
  assert.equal(typeof entries[0]!.operation_id, 'string');
});

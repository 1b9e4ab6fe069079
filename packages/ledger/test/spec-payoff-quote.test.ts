/**
 * docs/ledger.md "Payoff": the quote. Figures: derive.py "payoff quote" (worked example,
 * EA 0.3848, installment fee 60000, delinquency R 0.3848).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { payoffQuoteAt } from '../src/payoff-read.js';
import { Book, WORKED, TZ } from './fixtures/ops.js';

function quote(b: Book, loanId: string, day: string) {
  const q = payoffQuoteAt(b.state, loanId, day, TZ);
  assert.equal(q.ok, true, JSON.stringify(q.body));
  return q.body as { payoff_amount: number; breakdown: Record<string, number>; date: string; loan_id: string; borrower_id: string };
}

test('mid-period, nothing paid: overdue installment, all principal, the accrued part of the current installment', () => {
  const b = new Book();
  b.loan('L1', WORKED);
  const q = quote(b, 'L1', '2024-03-01');
  assert.deepEqual(q, {
    borrower_id: 'B1',
    loan_id: 'L1',
    date: '2024-03-01',
    payoff_amount: 1264882.23,
    breakdown: { principal: 1200000, interest: 47386.35, installment_fee: 15172.41, installment_fee_2: 0, delinquency_interest: 2323.47, daily_fee: 0, late_fee: 0 },
  });
});

test('on the origination day nothing has accrued: the principal settles the loan', () => {
  const b = new Book();
  b.loan('L1', WORKED);
  assert.equal(quote(b, 'L1', '2024-01-15').payoff_amount, 1200000);
});

test('on a due day the whole installment is owed', () => {
  const b = new Book();
  b.loan('L1', WORKED);
  const q = quote(b, 'L1', '2024-02-15');
  assert.equal(q.payoff_amount, 1243642.89);
  assert.equal(q.breakdown.interest, 33642.89);
  assert.equal(q.breakdown.installment_fee, 10000);
});

test('what was paid of the current installment counts against its accrued part, never below 0', () => {
  const b = new Book();
  b.loan('L1', WORKED);
  b.pay('P1', 20000, '2024-02-10'); // fee 10000, interest 10000 of installment 1
  const q = quote(b, 'L1', '2024-02-10');
  assert.equal(q.breakdown.interest, 18216.62);
  assert.equal(q.breakdown.installment_fee, 0);
  assert.equal(q.payoff_amount, 1218216.62);
});

test('a quote is as of its day: a later payment does not change an earlier quote', () => {
  const b = new Book();
  b.loan('L1', WORKED);
  const before = quote(b, 'L1', '2024-03-01');
  b.pay('P1', 300000, '2024-03-10');
  assert.deepEqual(quote(b, 'L1', '2024-03-01'), before);
  assert.ok(quote(b, 'L1', '2024-03-10').payoff_amount < before.payoff_amount);
});

test('unknown loan 404; cancelled loan, loan before its origination 404/409', () => {
  const b = new Book();
  b.loan('L1', WORKED);
  const missing = payoffQuoteAt(b.state, 'NOPE', '2024-03-01', TZ);
  assert.equal(missing.ok, false);
  if (!missing.ok) {
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.body.code, 40401);
    assert.deepEqual(missing.body.context, { borrower_id: 'B1', loan_id: 'NOPE', date: '2024-03-01' });
  }
  const early = payoffQuoteAt(b.state, 'L1', '2024-01-10', TZ);
  assert.equal(early.ok ? 200 : early.statusCode, 404);
  b.cancel('L1', '2024-02-01');
  const cancelled = payoffQuoteAt(b.state, 'L1', '2024-03-01', TZ);
  assert.equal(cancelled.ok ? 200 : cancelled.body.code, 40902);
  assert.equal(quote(b, 'L1', '2024-01-20').payoff_amount > 1200000, true); // before the cancellation it still quotes
});

test('a loan paid off by payments is 409 loan_paid_off', () => {
  const b = new Book();
  b.loan('L1', WORKED);
  b.pay('P1', 1400000, '2024-01-20');
  const q = payoffQuoteAt(b.state, 'L1', '2024-02-01', TZ);
  assert.equal(q.ok ? 200 : q.body.code, 40920);
});

test('the worked check: 100 at 7 % nominal 30/360 half_even, quoted on 2024-02-15 = 100.82', () => {
  // derive.py "payoff quote: nominal 30/360": installment 1 overdue 17.01 + principal 83.57 +
  // rounded(0.49 · 14/29) = 0.24 of installment 2's interest (actual days, whatever the day count).
  const b = new Book();
  const dues = ['2024-02-01', '2024-03-01', '2024-04-01', '2024-05-01', '2024-06-01', '2024-07-01'];
  b.loan('L1', { amount: 100, rate: 0.07, drate: 0, origination: '2024-01-01', dues, fee: null }, { rate_type: 'nominal_annual', day_count: '30/360', rounding: 'half_even' });
  assert.deepEqual(quote(b, 'L1', '2024-02-15'), {
    borrower_id: 'B1', loan_id: 'L1', date: '2024-02-15', payoff_amount: 100.82,
    breakdown: { principal: 100, interest: 0.82, installment_fee: 0, installment_fee_2: 0, delinquency_interest: 0, daily_fee: 0, late_fee: 0 },
  });
});

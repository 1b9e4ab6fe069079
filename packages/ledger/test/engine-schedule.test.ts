/**
 * The docs/ledger.md worked example, to the cent. Hand check: periods are 31, 29, 31, 30, 31, 30
 * days (2024 is a leap year); r_1 = 1.3848^(31/365) − 1 = 0.0280357...; 1 200 000 × r_1 =
 * 33 642.89; A = P / Σ discount factors = 219 630.19 (figures given by docs/ledger.md itself).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, emptyState, statusAt } from '../src/index.js';
import { createLoan, TZ } from './engine-helpers.js';

test('worked example: fixed installment, first and last installments, total interest', () => {
  const { state, result } = apply(emptyState('B1'), createLoan('L1'), TZ);
  assert.equal(result.ok, true);
  const status = statusAt(state, '2024-01-15', TZ);
  const loan = status.loans[0]!;
  assert.equal(loan.attributes.fixed_installment_amount, 219630.19);
  const first = loan.installments[0]!;
  assert.equal(first.buckets.interest.initial_balance, 33642.89);
  assert.equal(first.buckets.principal.initial_balance, 185987.30);
  assert.equal(first.buckets.installment_fee.initial_balance, 10000);
  const last = loan.installments[5]!;
  assert.equal(last.buckets.interest.initial_balance, 5798.94);
  assert.equal(last.buckets.principal.initial_balance, 213831.23);
  assert.equal(loan.balance_detail.at_calculation_date.interest.initial_balance, 117781.12);
  assert.equal(loan.balance_detail.at_calculation_date.principal.initial_balance, 1200000);
  assert.equal(loan.balance_detail.at_calculation_date.installment_fee.initial_balance, 60000);
  assert.equal(loan.attributes.due_dates[0], '2024-02-15T23:59:59.999999-05:00');
});

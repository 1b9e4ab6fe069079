/**
 * Result bodies field for field against the seeds (create loan, waiver, cancel, transfer's
 * succeeded item, consolidation) and docs/api.md (payment), and the refusal catalog's shape.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, emptyState, LEDGER_ERRORS } from '../src/index.js';
import { cancel, consolidation, createLoan, payment, resetSeq, run, transfer, TZ, waiver } from './engine-helpers.js';
import { bodyOf } from './fixtures/results.js';

const keys = (o: object) => Object.keys(o).sort();

test('create loan: the loan fields echoed, plus id, kordev_id, request_id (seed 200)', () => {
  resetSeq();
  const op = createLoan('L1', { guarantee_provider: 'FGA' });
  const body = bodyOf('create_loan', apply(emptyState('B1'), op, TZ).result);
  assert.deepEqual(keys(body), [
    'amount_financed', 'config_id', 'daily_fee_charge', 'delinquency_interest_rate', 'due_dates', 'guarantee_provider', 'id',
    'installment_fee_2_charge', 'installment_fee_charge', 'interest_rate', 'kordev_id', 'origination_date', 'owner', 'request_id',
  ]);
  assert.equal(body.id, 'L1');
  assert.equal(body.kordev_id, 1);
  assert.equal(body.amount_financed, 1200000);
  assert.equal(body.origination_date, '2024-01-15T00:00:00-05:00');
  assert.equal(body.due_dates[5], '2024-07-15T23:59:59.999999-05:00');
});

test('the seed example due_dates (two date-times in one string) are read as two due dates', () => {
  resetSeq();
  const op = createLoan('L1', { due_dates: ['2024-02-15T23:59:59.999999-05:00, 2024-03-15T23:59:59.999999-05:00'] });
  const body = bodyOf('create_loan', apply(emptyState('B1'), op, TZ).result);
  assert.deepEqual(body.due_dates, ['2024-02-15T23:59:59.999999-05:00', '2024-03-15T23:59:59.999999-05:00']);
});

test('waiver, cancel, transfer, consolidation and payment bodies', () => {
  resetSeq();
  let s = run([createLoan('L1'), createLoan('L2')]);
  let out = apply(s, waiver('L1', 'W1', '2024-01-20', { type: 'amount', amount: 100, bucket: 'interest', reason: 'goodwill' }), TZ);
  assert.ok(out.result.ok);
  assert.deepEqual(keys(out.result.body), ['amount', 'bucket', 'config_id', 'effective_date', 'id', 'kordev_id', 'loan_id', 'percentage', 'reason', 'request_id', 'type']);
  const waived = bodyOf('create_waiver', out.result);
  assert.equal(waived.id, 'W1');
  assert.equal(waived.kordev_id, 3);
  assert.equal(waived.loan_id, 'L1');
  s = out.state;

  out = apply(s, payment('P1', 5000, '2024-01-25'), TZ);
  assert.ok(out.result.ok);
  assert.deepEqual(keys(out.result.body), ['applied_allocations', 'id', 'kordev_id', 'payment', 'payment_allocations', 'positive_balance_amount', 'request_id']);
  assert.deepEqual(bodyOf('create_payment', out.result).applied_allocations, [{
    loan_id: 'L1', amount: 5000,
    buckets: { principal: 0, interest: 0, installment_fee: 5000, installment_fee_2: 0, delinquency_interest: 0, daily_fee: 0, late_fee: 0 },
  }]);
  s = out.state;

  out = apply(s, transfer('L1', 'BANK_9', '2024-01-26'), TZ);
  assert.ok(out.result.ok);
  assert.deepEqual(keys(out.result.body), ['id', 'kordev_id', 'new_owner', 'occurred_on', 'request_id', 'transferred_amounts']);
  const ta = bodyOf('transfer_ownership', out.result).transferred_amounts;
  assert.deepEqual(keys(ta), ['installment_fee', 'interest', 'principal']);
  assert.deepEqual(ta.principal, { current: 185987.3, overdue: 0, total: 1200000, unpaid: 185987.3 });
  assert.deepEqual(ta.interest, { current: 33542.89, overdue: 0, total: 117681.12, unpaid: 33542.89 });
  assert.deepEqual(ta.installment_fee, { current: 5000, overdue: 0, total: 55000, unpaid: 5000 });
  s = out.state;

  out = apply(s, cancel('L2', '2024-01-27'), TZ);
  assert.ok(out.result.ok);
  assert.deepEqual(keys(out.result.body), ['effective_date', 'id', 'kordev_id', 'loan_id', 'request_id']);
  assert.equal(bodyOf('cancel_loan', out.result).effective_date, '2024-01-27T00:00:00-05:00');
  s = out.state;

  out = apply(s, consolidation('C1', ['L1'], '2024-01-28'), TZ);
  assert.ok(out.result.ok);
  assert.deepEqual(keys(out.result.body), ['id', 'kordev_id', 'loan_consolidation', 'request_id']);
  assert.equal(out.result.body.id, 'C1');
  assert.equal(out.result.body.kordev_id, 7);
});

test('refusals: seed error body with catalog codes and the ids involved in context', () => {
  resetSeq();
  const s = run([createLoan('L1')]);
  const out = apply(s, waiver('NOPE', 'W1', '2024-01-20', { type: 'amount', amount: 1, bucket: 'all' }), TZ);
  assert.equal(out.result.ok, false);
  assert.equal(out.result.statusCode, 404);
  assert.deepEqual(out.result.body, {
    code: LEDGER_ERRORS.loan_not_found.code,
    context: { borrower_id: 'B1', loan_id: 'NOPE', waiver_id: 'W1' },
    error: 'Loan not found',
    status: 'Not Found',
  });
  assert.equal(out.state, s, 'a refusal returns the very same state');
  const codes = Object.values(LEDGER_ERRORS).map((e) => e.code);
  assert.equal(new Set(codes).size, codes.length, 'codes are unique');
  for (const e of Object.values(LEDGER_ERRORS)) assert.equal(Math.floor(e.code / 100), e.statusCode);
});

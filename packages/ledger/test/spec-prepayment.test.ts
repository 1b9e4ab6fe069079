/**
 * docs/ledger.md "Prepayment". Figures: derive.py "prepayment" (worked example; 529630.19 paid on
 * 2024-02-15: installment 1 in full, 300000 to future principal).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CreatePaymentOperation } from '../src/api.js';
import { historyOf } from '../src/index.js';
import { Book, PAYMENT_CONFIG, TZ, WORKED, payment } from './fixtures/ops.js';
import { bucket, fixedInstallment, installmentsOf, m } from './fixtures/read.js';

type Effect = 'pay_ahead' | 'reduce_term' | 'reduce_installment';

function prepaying(b: Book, id: string, amount: number, day: string, own: Effect | null, configured: Effect | null = null) {
  const op = payment(b.next(), id, amount, day, null, configured === null ? PAYMENT_CONFIG : { ...PAYMENT_CONFIG, prepayment_effect: configured }) as CreatePaymentOperation;
  if (own !== null) op.body.payment.prepayment_effect = own;
  return b.ok(op);
}

test('reduce_term keeps A: the last installments shrink and those left with nothing are closed', () => {
  const b = new Book();
  b.loan('L1', WORKED);
  prepaying(b, 'P1', 529630.19, '2024-02-15', 'reduce_term');
  const s = b.status('2024-02-16');
  const inst = installmentsOf(s, 'L1');
  assert.equal(fixedInstallment(s, 'L1'), '219630.19');
  const owed = (k: number) => [m(inst[k].buckets.interest.outstanding), m(inst[k].buckets.principal.outstanding), m(inst[k].buckets.installment_fee.outstanding)];
  assert.deepEqual(owed(1), ['18709.63', '200920.56', '10000.00']);
  assert.deepEqual(owed(2), ['14384.92', '205245.27', '10000.00']);
  assert.deepEqual(owed(3), ['8348.57', '211281.62', '10000.00']);
  assert.deepEqual(owed(4), ['2707.28', '96565.25', '10000.00']);
  assert.deepEqual(owed(5), ['0.00', '0.00', '0.00']);
  assert.equal(m(inst[5].buckets.installment_fee.closed), '10000.00');
  assert.equal(m(inst[5].buckets.principal.paid), '213831.23');
  assert.equal(m(inst[4].buckets.principal.paid), '86168.77');
  assert.equal(bucket(s, 'L1', 'interest').initial, '83592.23'); // 77793.29 owed over the loan + 5798.94 closed
  assert.equal(bucket(s, 'L1', 'interest').closed, '5798.94');
  assert.equal(bucket(s, 'L1', 'principal').total, '714012.70');
  assert.deepEqual(s.loans[0].prepayments, [{ payment_id: 'P1', date: '2024-02-15', amount: 300000, effect: 'reduce_term' }]);
});

test('reduce_installment keeps the due days and computes a new A', () => {
  const b = new Book();
  b.loan('L1', WORKED);
  prepaying(b, 'P1', 529630.19, '2024-02-15', null, 'reduce_installment');
  const s = b.status('2024-02-16');
  assert.equal(fixedInstallment(s, 'L1'), '154651.66');
  const inst = installmentsOf(s, 'L1');
  const owed = inst.slice(1).map((i: any) => [m(i.buckets.interest.outstanding), m(i.buckets.principal.outstanding)]);
  assert.deepEqual(owed, [
    ['18709.63', '135942.03'], ['16206.64', '138445.02'], ['11922.30', '142729.36'], ['8323.71', '146327.95'], ['4083.30', '150568.34'],
  ]);
  assert.equal(bucket(s, 'L1', 'interest').initial, '92888.47');
  assert.equal(bucket(s, 'L1', 'installment_fee').total, '50000.00');
  assert.deepEqual(s.loans[0].prepayments, [{ payment_id: 'P1', date: '2024-02-15', amount: 300000, effect: 'reduce_installment' }]);
});

test('the payment names its own effect over its config; pay_ahead is today\'s behaviour exactly', () => {
  const ahead = new Book();
  ahead.loan('L1', WORKED);
  ahead.pay('P1', 529630.19, '2024-02-15');
  const explicit = new Book();
  explicit.loan('L1', WORKED);
  prepaying(explicit, 'P1', 529630.19, '2024-02-15', 'pay_ahead', 'reduce_term');
  assert.deepEqual(explicit.status('2024-03-01'), ahead.status('2024-03-01'));
  const s = ahead.status('2024-02-16');
  assert.equal(m(installmentsOf(s, 'L1')[1].outstanding), '0.00');
  assert.equal(bucket(s, 'L1', 'principal').paid, '416400.59'); // installments 1, 2 and 70369.81 of 3 (derive.py)
  assert.deepEqual(s.loans[0].prepayments, []);
});

test('history: the prepaid principal, the recomputed amounts and the closing are PREPAYMENT steps', () => {
  const b = new Book();
  b.loan('L1', WORKED);
  prepaying(b, 'P1', 529630.19, '2024-02-15', 'reduce_term');
  const entries = historyOf(b.state, TZ).filter((h) => h.step_type === 'PREPAYMENT');
  const paid = entries.filter((h) => h.bucket_status === 'paid').map((h) => [h.installment_number, h.bucket_type, h.delta]);
  assert.deepEqual(paid, [[6, 'principal', -213831.23], [5, 'principal', -86168.77]]);
  const closed = entries.filter((h) => h.bucket_status === 'closed').map((h) => [h.installment_number, h.bucket_type, h.delta]);
  assert.deepEqual(closed, [[6, 'interest', -5798.94], [6, 'installment_fee', -10000]]);
  // installment 2's interest falls from 26570.68 to 18709.63
  assert.ok(entries.some((h) => h.installment_number === 2 && h.bucket_type === 'interest' && h.bucket_status === 'initial' && h.delta === -7861.05));
  // the part of P1 that settled installment 1 stays a PAYMENT_APPLICATION
  assert.equal(historyOf(b.state, TZ).filter((h) => h.step_type === 'PAYMENT_APPLICATION').length, 3);
});

test('more than the future principal: the loan is paid off and the rest is positive balance', () => {
  const b = new Book();
  b.loan('L1', WORKED);
  prepaying(b, 'P1', 1300000, '2024-02-15', 'reduce_installment');
  const s = b.status('2024-02-16');
  // 229630.19 for installment 1, 1014012.70 of future principal, the rest positive balance
  assert.equal(m(s.positive_balance), '56357.11');
  assert.equal(s.loans[0].attributes.paid_off_date, '2024-02-15');
  assert.equal(bucket(s, 'L1', 'interest').total, '0.00');
  assert.equal(bucket(s, 'L1', 'installment_fee').total, '0.00');
});

test('a prepayment when nothing is overdue pays the current installment first (mid-period)', () => {
  const b = new Book();
  b.loan('L1', WORKED);
  prepaying(b, 'P1', 329630.19, '2024-02-01', 'reduce_term');
  const s = b.status('2024-02-02');
  assert.equal(m(installmentsOf(s, 'L1')[0].outstanding), '0.00');
  assert.equal(s.loans[0].prepayments[0].amount, 100000);
});

/**
 * docs/ledger.md Back-dated operations: the state on day C results from applying, in order of
 * effective day and then acceptance (seq), every operation effective on or before C.
 * Worked example with R 0.3848 (so order matters through delinquency interest).
 * Canonical order: 229630.19 on 02-10 pays inst1 in full; 50000 on 03-01 pays inst2 fee
 * 10000, interest 26570.68, principal 13429.32 (derive.py "back-dated").
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Book, WORKED, createLoan, payment, waiver } from './fixtures/ops.js';
import { bucket } from './fixtures/read.js';

const DAYS = ['2024-02-09', '2024-02-10', '2024-02-20', '2024-03-01', '2024-03-16', '2024-04-20'];

test('a payment back-dated before an applied one: recomputed from its day', () => {
  const b = new Book();
  b.ok(createLoan(1, 'L1', WORKED));
  b.ok(payment(2, 'PA', 50000, '2024-03-01'));
  b.ok(payment(3, 'PB', 229630.19, '2024-02-10')); // back-dated
  const s = b.status('2024-03-01');
  assert.equal(bucket(s, 'L1', 'delinquency_interest').initial, '0.00');
  assert.equal(bucket(s, 'L1', 'principal').paid, '199416.62');
  assert.equal(bucket(s, 'L1', 'interest').paid, '60213.57');
  assert.equal(bucket(s, 'L1', 'installment_fee').paid, '20000.00');
  assert.equal(bucket(s, 'L1', 'principal').overdue, '0.00');
  assert.equal(bucket(s, 'L1', 'principal').current, '179630.19');
  assert.equal(bucket(b.status('2024-02-09'), 'L1', 'principal').paid, '0.00');

  // same as applying them in effective order from the start
  const c = new Book();
  c.ok(createLoan(1, 'L1', WORKED));
  c.ok(payment(3, 'PB', 229630.19, '2024-02-10'));
  c.ok(payment(2, 'PA', 50000, '2024-03-01'));
  for (const d of DAYS) assert.deepEqual(b.status(d), c.status(d), d);
});

test('a payment accepted before the loan it pays (create back-dated) lands on the loan', () => {
  const b = new Book();
  b.ok(payment(1, 'PB', 229630.19, '2024-02-10'));
  b.ok(createLoan(2, 'L1', WORKED)); // origination 01-15, before the payment's day
  const s = b.status('2024-02-20');
  assert.equal(bucket(s, 'L1', 'principal').paid, '185987.30');
  assert.equal(bucket(s, 'L1', 'principal').overdue, '0.00');
  assert.equal(bucket(s, 'L1', 'delinquency_interest').total, '0.00');
});

test('same effective day: acceptance order (seq) decides', () => {
  // waiver of inst1 interest (seq 2) and a payment (seq 3) both on 02-10; the payment arrives
  // first. Canonical: waiver then payment 195987.30 = fee 10000 + principal 185987.30.
  const b = new Book();
  b.ok(createLoan(1, 'L1', WORKED));
  b.ok(payment(3, 'P1', 195987.3, '2024-02-10'));
  b.ok(waiver(2, 'L1', 'W1', { bucket: 'interest', type: 'amount', amount: 33642.89, day: '2024-02-10' }));
  const s = b.status('2024-02-20');
  assert.equal(bucket(s, 'L1', 'principal').overdue, '0.00');
  assert.equal(bucket(s, 'L1', 'interest').paid, '0.00');
  assert.equal(bucket(s, 'L1', 'interest').waived, '33642.89');
  assert.equal(bucket(s, 'L1', 'delinquency_interest').total, '0.00');
});

test('a back-dated waiver changes the later payment split', () => {
  // payment 100000 on 02-10 (seq 2), then a waiver effective 01-20 (seq 3) of inst1 fee
  // (current_installment_fee 100%): the payment re-splits as interest 33642.89, principal 66357.11
  const b = new Book();
  b.ok(createLoan(1, 'L1', WORKED));
  b.ok(payment(2, 'P1', 100000, '2024-02-10'));
  assert.equal(bucket(b.status('2024-02-10'), 'L1', 'principal').paid, '56357.11');
  b.ok(waiver(3, 'L1', 'W1', { bucket: 'current_installment_fee', type: 'percentage', percentage: 1, day: '2024-01-20' }));
  const s = b.status('2024-02-10');
  assert.equal(bucket(s, 'L1', 'installment_fee').paid, '0.00');
  assert.equal(bucket(s, 'L1', 'principal').paid, '66357.11');
});

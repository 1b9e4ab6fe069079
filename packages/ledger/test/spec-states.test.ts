/**
 * docs/ledger.md "States at a calculation day C": overdue (D_i < C), current (first D_i >= C),
 * unpaid = overdue + current, total = all outstanding; and the status summary (docs/reads.md).
 * Loan: the worked example (schedule figures in derive.py "schedule: worked example").
 * By hand: inst1 principal 185987.30, inst2 193059.51, inst3 196614.16;
 * 185987.30 + 193059.51 = 379046.81; + 196614.16 = 575660.97.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Book, WORKED } from './fixtures/ops.js';
import { bucket, m, summary } from './fixtures/read.js';

const NO_DELINQ = { ...WORKED, drate: 0 };

function book() {
  const b = new Book();
  b.loan('L1', NO_DELINQ);
  return b;
}

test('origination day and the day before D1: installment 1 current, nothing overdue', () => {
  const b = book();
  for (const day of ['2024-01-15', '2024-02-14']) {
    const p = bucket(b.status(day), 'L1', 'principal');
    assert.deepEqual([p.overdue, p.current, p.unpaid, p.total], ['0.00', '185987.30', '185987.30', '1200000.00'], day);
  }
});

test('on the due day D1 the installment is still current (payable through the end of D)', () => {
  const p = bucket(book().status('2024-02-15'), 'L1', 'principal');
  assert.deepEqual([p.overdue, p.current, p.unpaid, p.total], ['0.00', '185987.30', '185987.30', '1200000.00']);
});

test('D1 + 1: installment 1 overdue, installment 2 current', () => {
  const s = book().status('2024-02-16');
  const p = bucket(s, 'L1', 'principal');
  assert.deepEqual([p.overdue, p.current, p.unpaid, p.total], ['185987.30', '193059.51', '379046.81', '1200000.00']);
  const i = bucket(s, 'L1', 'interest');
  // 33642.89 overdue, 26570.68 current, unpaid 60213.57
  assert.deepEqual([i.overdue, i.current, i.unpaid, i.total], ['33642.89', '26570.68', '60213.57', '117781.12']);
  const f = bucket(s, 'L1', 'installment_fee');
  assert.deepEqual([f.overdue, f.current, f.unpaid, f.total], ['10000.00', '10000.00', '20000.00', '60000.00']);
});

test('2024-03-20: installments 1, 2 overdue, 3 current', () => {
  const s = book().status('2024-03-20');
  const p = bucket(s, 'L1', 'principal');
  assert.deepEqual([p.overdue, p.current, p.unpaid, p.total], ['379046.81', '196614.16', '575660.97', '1200000.00']);
  const i = bucket(s, 'L1', 'interest');
  assert.deepEqual([i.overdue, i.current, i.unpaid, i.total], ['60213.57', '23016.03', '83229.60', '117781.12']);
});

test('after the last due day: everything overdue, nothing current', () => {
  const s = book().status('2024-07-16');
  const p = bucket(s, 'L1', 'principal');
  assert.deepEqual([p.overdue, p.current, p.unpaid, p.total], ['1200000.00', '0.00', '1200000.00', '1200000.00']);
  const i = bucket(s, 'L1', 'interest');
  assert.deepEqual([i.overdue, i.current, i.unpaid, i.total], ['117781.12', '0.00', '117781.12', '117781.12']);
});

test('partial payment reduces the oldest installment first in every state', () => {
  // 100000 on 02-10 (inst1 current): fee 10000, interest 33642.89, principal 56357.11
  // -> at 02-16 principal overdue 185987.30 - 56357.11 = 129630.19
  const b = book();
  b.pay('P1', 100000, '2024-02-10');
  const p = bucket(b.status('2024-02-16'), 'L1', 'principal');
  assert.deepEqual([p.paid, p.overdue, p.current, p.unpaid, p.total], ['56357.11', '129630.19', '193059.51', '322689.70', '1143642.89']);
});

test('summary with delinquency interest: immediate = overdue of every bucket', () => {
  // R 0.3848: on 02-21 inst1 229630.19 + delinquency 5 days 829.81 = 230460.00; dpd 6
  const b = new Book();
  b.loan('L1', WORKED);
  const s = summary(b.status('2024-02-21'));
  assert.equal(Number(s.days_past_due), 6);
  assert.equal(m(s.immediate_payment_amount), '230460.00');
  // the payoff quote: all principal, installment 1, 6 of installment 2's 29 days, 829.81 (derive.py "summary.full_payment_amount")
  assert.equal(m(s.full_payment_amount), '1252039.05');
});

test('summary: days past due, immediate (= overdue) and full payment amounts', () => {
  const b = book();
  const s15 = summary(b.status('2024-02-15'));
  assert.equal(Number(s15.days_past_due), 0);
  assert.equal(m(s15.immediate_payment_amount), '0.00');
  // the payoff quote, not the future interest (derive.py "summary.full_payment_amount"): 1200000 + 33642.89 + 10000
  assert.equal(m(s15.full_payment_amount), '1243642.89');
  assert.equal(Number(summary(b.status('2024-02-16')).days_past_due), 1);
  const s20 = summary(b.status('2024-02-20'));
  assert.equal(Number(s20.days_past_due), 5);
  assert.equal(m(s20.immediate_payment_amount), '229630.19'); // inst1: 10000 + 33642.89 + 185987.30
  assert.equal(m(s20.full_payment_amount), '1249948.18'); // + 5 of installment 2's 29 days of interest and fee
  // next payment: installment 2, due 2024-03-15
  assert.match(String(s20.next_payment_date), /^2024-03-15/);
});

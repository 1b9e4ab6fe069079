/**
 * docs/ledger.md Daily fee: `daily_fee_charge` accrues each day from O+1 while the loan has
 * unpaid principal, until the accrued total reaches `daily_fee_max_charge`; a day's fee
 * belongs to the installment whose period (D_{i-1}, D_i] contains it.
 * Worked-example loan with R = 0 (to isolate the fee), fee 1000/day, O = 2024-01-15.
 * By hand (and derive.py "daily fee"): days O+1..C = C - O; period 1 = 01-16..02-15 =
 * 31 days; cap 40000 reached on 01-15 + 40 = 2024-02-24.
 * Day convention (engine's choice, see spec-delinquency): the fee of day t is shown in the
 * status from t + 1, so the status on C shows days O+1..C-1 (C - O - 1 fees).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Book, WORKED } from './fixtures/ops.js';
import { bucket, positiveBalance } from './fixtures/read.js';

const LOAN = { ...WORKED, drate: 0, daily: 1000 };

test('no cap: 1000/day from O+1, split by installment period', () => {
  const b = new Book();
  b.loan('L1', LOAN);
  assert.equal(bucket(b.status('2024-01-15'), 'L1', 'daily_fee').total, '0.00');
  assert.equal(bucket(b.status('2024-01-16'), 'L1', 'daily_fee').total, '0.00');
  assert.equal(bucket(b.status('2024-01-17'), 'L1', 'daily_fee').total, '1000.00');
  // 30 days 01-16..02-14 on the due day; 31 (all of period 1) from 02-16, then overdue
  const d15 = bucket(b.status('2024-02-15'), 'L1', 'daily_fee');
  assert.deepEqual([d15.current, d15.overdue, d15.total], ['30000.00', '0.00', '30000.00']);
  const d16 = bucket(b.status('2024-02-16'), 'L1', 'daily_fee');
  assert.deepEqual([d16.overdue, d16.current, d16.total], ['31000.00', '0.00', '31000.00']);
  // days 01-16..02-20 (36): 31 inst1 (overdue), 5 inst2 (current), shown on 02-21
  const d21 = bucket(b.status('2024-02-21'), 'L1', 'daily_fee');
  assert.deepEqual([d21.overdue, d21.current, d21.total], ['31000.00', '5000.00', '36000.00']);
  // 60 days 01-16..03-15 shown on 03-16: 31 on inst1, 29 on inst2, both overdue
  const d = bucket(b.status('2024-03-16'), 'L1', 'daily_fee');
  assert.deepEqual([d.overdue, d.current, d.total, d.initial], ['60000.00', '0.00', '60000.00', '60000.00']);
  // on 03-15: 59 days, inst2 (current) has 28
  const d3 = bucket(b.status('2024-03-15'), 'L1', 'daily_fee');
  assert.deepEqual([d3.overdue, d3.current, d3.total], ['31000.00', '28000.00', '59000.00']);
});

test('cap 40000: accrual stops when the total reaches the cap (day 40 = 2024-02-24)', () => {
  const b = new Book();
  b.loan('L1', LOAN, { daily_fee_max_charge: 40000 });
  assert.equal(bucket(b.status('2024-02-21'), 'L1', 'daily_fee').total, '36000.00');
  assert.equal(bucket(b.status('2024-02-24'), 'L1', 'daily_fee').total, '39000.00'); // 01-16..02-23
  assert.equal(bucket(b.status('2024-02-25'), 'L1', 'daily_fee').total, '40000.00'); // day 40 = 02-24
  const d = bucket(b.status('2024-03-15'), 'L1', 'daily_fee');
  assert.deepEqual([d.overdue, d.current, d.total], ['31000.00', '9000.00', '40000.00']);
  assert.equal(bucket(b.status('2024-06-30'), 'L1', 'daily_fee').total, '40000.00');
});

test('the cap counts what accrued, not what is outstanding (paying the fee does not restart it)', () => {
  // 36000 on 02-21 meets inst1 (overdue) in payment order: daily fee 31000, then its
  // installment fee 5000. The cap still stops accrual at 40000 in all.
  const b = new Book();
  b.loan('L1', LOAN, { daily_fee_max_charge: 40000 });
  b.pay('P1', 36000, '2024-02-21');
  const s = b.status('2024-03-16');
  const d = bucket(s, 'L1', 'daily_fee');
  assert.deepEqual([d.initial, d.paid, d.total], ['40000.00', '31000.00', '9000.00']);
  assert.equal(bucket(s, 'L1', 'installment_fee').paid, '5000.00');
});

test('days after the last due day belong to the last installment', () => {
  // one installment due 01-25; 100/day from 01-16: on 02-05 the status shows 01-16..02-04
  // = 20 days = 2000, all on installment 1 (overdue since 01-26)
  const b = new Book();
  b.loan('L1', { amount: 1000, rate: 0, drate: 0, origination: '2024-01-15', dues: ['2024-01-25'], daily: 100 });
  const d = bucket(b.status('2024-02-05'), 'L1', 'daily_fee');
  assert.deepEqual([d.overdue, d.current, d.total], ['2000.00', '0.00', '2000.00']);
});

test('no fee once the loan has no unpaid principal', () => {
  // paid off on 01-20: fees through 01-19 = 4000 + scheduled 1377781.12 = 1381781.12;
  // 1400000 leaves 18218.88 positive balance. Day 01-20 ends with no unpaid principal.
  const b = new Book();
  b.loan('L1', LOAN);
  b.pay('P1', 1400000, '2024-01-20');
  const s = b.status('2024-03-15');
  assert.equal(bucket(s, 'L1', 'daily_fee').initial, '4000.00');
  assert.equal(bucket(s, 'L1', 'daily_fee').total, '0.00');
  assert.equal(positiveBalance(s), '18218.88');
});

/**
 * docs/ledger.md Delinquency interest: for each day t > D_i up to C, installment i accrues
 * p_i(t) * ((1+R)^(1/365) - 1); p_i(t) = its unpaid principal at the end of day t;
 * accrue in full precision, round when read or allocated; none on interest.
 *
 * Checked with derive.py "delinquency interest" (Python decimal, 60 digits):
 *   daily factor for R = 0.3848: 0.000892331383787982539860...
 *   inst1 principal 185987.30: 1 day 165.962304776 -> 165.96; 4 days 663.849219104 -> 663.85;
 *   5 days 829.811523880 -> 829.81; 33 days -> 5476.76; inst2 193059.51, 4 days -> 689.09;
 *   03-19 total 6165.85 (rounded sum and sum of rounded agree on that day).
 *
 * Day convention (the engine's choice, docs/ledger.md): the status on day C
 * shows the end-of-day processing (accruals, late fees, positive balance on due days) of
 * the days before C, i.e. what a payment on C would meet. So the accrual of days
 * 02-16..02-20 (5 days) is shown from 02-21, and the status on D1 + 1 shows none yet.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Book, WORKED, payment, PAYMENT_CONFIG } from './fixtures/ops.js';
import { bucket } from './fixtures/read.js';

function book(spec = WORKED, cfg = {}) {
  const b = new Book();
  b.loan('L1', spec, cfg);
  return b;
}

test('nothing accrues through the due day itself', () => {
  const b = book();
  assert.equal(bucket(b.status('2024-02-15'), 'L1', 'delinquency_interest').total, '0.00');
  assert.equal(bucket(b.status('2024-02-16'), 'L1', 'delinquency_interest').total, '0.00');
});

test('one day after D1 (02-16): 165.96; five days (02-16..02-20): 829.81 (overdue)', () => {
  const b = book();
  assert.equal(bucket(b.status('2024-02-17'), 'L1', 'delinquency_interest').total, '165.96');
  // four days 02-16..02-19, what a payment on 02-20 meets: 663.85
  assert.equal(bucket(b.status('2024-02-20'), 'L1', 'delinquency_interest').total, '663.85');
  const d = bucket(b.status('2024-02-21'), 'L1', 'delinquency_interest');
  assert.equal(d.total, '829.81');
  assert.equal(d.overdue, '829.81');
  assert.equal(d.initial, '829.81');
  assert.equal(d.paid, '0.00');
});

test('two overdue installments: 5476.76 + 689.09 = 6165.85 (days through 2024-03-19)', () => {
  const b = book();
  const d = bucket(b.status('2024-03-20'), 'L1', 'delinquency_interest');
  assert.equal(d.total, '6165.85');
  assert.equal(d.overdue, '6165.85');
});

test('no delinquency interest when R = 0', () => {
  const b = book({ ...WORKED, drate: 0 });
  assert.equal(bucket(b.status('2024-03-19'), 'L1', 'delinquency_interest').total, '0.00');
});

test('usury caps R: delinquency 0.45 with usury 0.3848 accrues as 0.3848 (829.81 for 5 days)', () => {
  const b = book({ ...WORKED, drate: 0.45 }, { usury_rate: 0.3848 });
  assert.equal(bucket(b.status('2024-02-21'), 'L1', 'delinquency_interest').total, '829.81');
});

test('installment paid in full on D1 + 1 owes nothing for that day', () => {
  const b = book();
  b.pay('P1', 229630.19, '2024-02-16'); // inst1 = 10000 + 33642.89 + 185987.30
  const d = bucket(b.status('2024-02-20'), 'L1', 'delinquency_interest');
  assert.equal(d.total, '0.00');
  assert.equal(d.paid, '0.00');
  assert.equal(d.initial, '0.00');
  assert.equal(bucket(b.status('2024-02-20'), 'L1', 'principal').overdue, '0.00');
});

test('partial payment on 02-20 meets the accrual through 02-19, then accrues on what is left', () => {
  // 100000 on 02-20: delinquency (4 days) 663.85, fee 10000, interest 33642.89,
  // principal 55693.26 -> inst1 principal left 130294.04. Days 02-20..02-25 (6) on it:
  // 6 * 130294.04 * factor = 697.59 (derive.py "partial payment 100000 on 02-20"),
  // shown from 02-26.
  const b = book();
  b.pay('P1', 100000, '2024-02-20');
  const s = b.status('2024-02-26');
  const d = bucket(s, 'L1', 'delinquency_interest');
  assert.equal(d.paid, '663.85');
  assert.equal(d.total, '697.59');
  assert.equal(d.initial, '1361.44');
  assert.equal(bucket(s, 'L1', 'principal').paid, '55693.26');
  assert.equal(bucket(s, 'L1', 'principal').overdue, '130294.04');
  assert.equal(bucket(s, 'L1', 'interest').paid, '33642.89');
});

test('no delinquency interest on interest: an overdue installment with only interest left accrues nothing', () => {
  // 185987.30 on 02-10 with a payment config that pays principal first: inst1 principal paid,
  // its interest 33642.89 and fee 10000 overdue from 02-16 -> no delinquency interest.
  const b = book();
  b.ok(
    payment(b.next(), 'P1', 185987.3, '2024-02-10', null, {
      ...PAYMENT_CONFIG,
      allocation_order: ['principal', 'interest', 'late_fee', 'daily_fee', 'delinquency_interest', 'installment_fee_2', 'installment_fee'],
    }),
  );
  const s = b.status('2024-03-10');
  assert.equal(bucket(s, 'L1', 'principal').overdue, '0.00');
  assert.equal(bucket(s, 'L1', 'interest').overdue, '33642.89');
  assert.equal(bucket(s, 'L1', 'delinquency_interest').total, '0.00');
});

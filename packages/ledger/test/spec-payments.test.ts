/**
 * docs/ledger.md Payments and docs/api.md create payment. Figures: derive.py "payment order",
 * "overpayment", "allocations", all by subtraction from the worked-example schedule.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Book, WORKED } from './fixtures/ops.js';
import { appliedSplit, attrs, bucket, positiveBalance, paymentsOf, allocatedOf, paymentAmountOf } from './fixtures/read.js';

test('allocation order within an overdue installment: late, daily, delinquency, fee 2, fee, interest, principal', () => {
  // Loan: worked example + fee2 6000 (1000 each), daily fee 1000 (no cap), late fee 5000
  // (grace 0), R 0.3848. 40000 on 02-20 meets inst1 (overdue): late 5000, daily 31000
  // (01-16..02-15), delinquency 4 days (02-16..02-19) 663.85, fee2 1000, fee 2336.15.
  const b = new Book();
  b.loan('L1', { ...WORKED, fee2: 6000, daily: 1000 }, { late_fee_amount: 5000 });
  const body = b.pay('P1', 40000, '2024-02-20');
  assert.equal(body.id, 'P1');
  assert.equal(body.request_id, 'r2');
  assert.equal(typeof body.kordev_id, 'number');
  const s = b.status('2024-02-20');
  assert.equal(bucket(s, 'L1', 'late_fee').paid, '5000.00');
  assert.equal(bucket(s, 'L1', 'daily_fee').paid, '31000.00');
  assert.equal(bucket(s, 'L1', 'delinquency_interest').paid, '663.85');
  assert.equal(bucket(s, 'L1', 'installment_fee_2').paid, '1000.00');
  assert.equal(bucket(s, 'L1', 'installment_fee').paid, '2336.15');
  assert.equal(bucket(s, 'L1', 'interest').paid, '0.00');
  assert.equal(bucket(s, 'L1', 'principal').paid, '0.00');
  // a second payment the same day finishes inst1: 7663.85 + 33642.89 + 185987.30 = 227294.04
  b.pay('P2', 227294.04, '2024-02-20');
  const s2 = b.status('2024-02-25');
  assert.equal(bucket(s2, 'L1', 'principal').overdue, '0.00');
  assert.equal(bucket(s2, 'L1', 'interest').overdue, '0.00');
  assert.equal(bucket(s2, 'L1', 'installment_fee').overdue, '0.00');
  assert.equal(bucket(s2, 'L1', 'principal').paid, '185987.30');
  // paid in full on 02-20: no accrual for 02-20 or later on inst1
  assert.equal(bucket(s2, 'L1', 'delinquency_interest').total, '0.00');
});

test('overdue oldest first, then current, then future', () => {
  // R 0. On 03-20 inst1, inst2 overdue, inst3 current. 500000: inst1 229630.19, inst2
  // 229630.19, then inst3: fee 10000, interest 23016.03, principal 7723.59.
  const b = new Book();
  b.loan('L1', { ...WORKED, drate: 0 });
  b.pay('P1', 500000, '2024-03-20');
  const s = b.status('2024-03-20');
  assert.equal(bucket(s, 'L1', 'principal').overdue, '0.00');
  assert.equal(bucket(s, 'L1', 'interest').current, '0.00');
  assert.equal(bucket(s, 'L1', 'principal').current, '188890.57'); // 196614.16 - 7723.59
  assert.equal(bucket(s, 'L1', 'principal').paid, '386770.40'); // 185987.30 + 193059.51 + 7723.59
});

test('prepayment goes to future installments in due order', () => {
  // 300000 on 01-20: inst1 229630.19, then inst2 fee 10000, interest 26570.68, principal 33799.13
  const b = new Book();
  b.loan('L1', { ...WORKED, drate: 0 });
  b.pay('P1', 300000, '2024-01-20');
  const s = b.status('2024-02-16'); // inst2 current
  assert.equal(bucket(s, 'L1', 'principal').overdue, '0.00');
  assert.equal(bucket(s, 'L1', 'principal').current, '159260.38'); // 193059.51 - 33799.13
  assert.equal(bucket(s, 'L1', 'interest').current, '0.00');
});

test('overpayment: the loan is paid off and the rest becomes positive balance', () => {
  // owed 1200000 + 117781.12 + 60000 = 1377781.12; 1400000 - 1377781.12 = 22218.88
  const b = new Book();
  b.loan('L1', WORKED);
  b.pay('P1', 1400000, '2024-01-20');
  for (const day of ['2024-01-20', '2024-08-01']) {
    const s = b.status(day);
    assert.equal(positiveBalance(s), '22218.88', day);
    for (const k of ['principal', 'interest', 'installment_fee', 'delinquency_interest'] as const) {
      assert.equal(bucket(s, 'L1', k).total, '0.00', `${day} ${k}`);
    }
    assert.equal(bucket(s, 'L1', 'interest').paid, '117781.12');
  }
  assert.equal(positiveBalance(b.status('2024-01-19')), '0.00');
  assert.match(String(attrs(b.status('2024-02-01'), 'L1').paid_off_date), /^2024-01-20/);
});

test('a borrower with nothing owed gets the payment as positive balance', () => {
  const b = new Book();
  b.pay('P1', 500, '2024-01-10');
  assert.equal(positiveBalance(b.status('2024-01-10')), '500.00');
});

test('positive balance is applied at the end of each due day to what is then owed', () => {
  // L1: 3000 EA 0, dues 02-15, 03-15, 04-15; 5000 allocated to L1 on 01-20 pays it off,
  // 2000 positive balance. L2: 1500 EA 0, dues 02-20, 03-20 (750 each).
  // 02-15 (L1 due day): L2 owes nothing due -> 2000 stays. 02-19: 2000.
  // end of 02-20 (L2 D1): 750 applied -> 1250; L2 inst2 (future) untouched.
  // end of 03-20: 750 more -> 500, L2 paid off.
  // Day convention (engine's choice, see spec-delinquency): the end of day D is shown
  // in the status from D + 1; on D itself the installment is still owed.
  const b = new Book();
  b.loan('L1', { amount: 3000, rate: 0, origination: '2024-01-15', dues: ['2024-02-15', '2024-03-15', '2024-04-15'] });
  b.loan('L2', { amount: 1500, rate: 0, origination: '2024-01-15', dues: ['2024-02-20', '2024-03-20'] });
  b.pay('P1', 5000, '2024-01-20', [{ loan_id: 'L1', amount: 5000 }]);
  assert.equal(positiveBalance(b.status('2024-01-20')), '2000.00');
  assert.equal(positiveBalance(b.status('2024-02-16')), '2000.00');
  const s20 = b.status('2024-02-20');
  assert.equal(positiveBalance(s20), '2000.00');
  assert.equal(bucket(s20, 'L2', 'principal').paid, '0.00');
  const s21 = b.status('2024-02-21');
  assert.equal(positiveBalance(s21), '1250.00');
  assert.equal(bucket(s21, 'L2', 'principal').paid, '750.00');
  assert.equal(bucket(s21, 'L2', 'principal').total, '750.00');
  assert.equal(bucket(s21, 'L2', 'principal').overdue, '0.00');
  const s3 = b.status('2024-03-21');
  assert.equal(positiveBalance(s3), '500.00');
  assert.equal(bucket(s3, 'L2', 'principal').total, '0.00');
});

test('positive balance from before any loan is applied on the due days of the loans', () => {
  // A payment made before any loan exists becomes positive balance (1000 on 01-10).
  // L2 (1500 EA 0, dues 02-10, 03-10: 750 each), L1 (3000 EA 0, dues 02-15, 03-15, 04-15).
  // End of 02-10 (L2 D1): L2 inst1 750 -> 250 left; L1 inst1 (due 02-15) not yet owed.
  // End of 02-15 (L1 D1): 250 goes to L1 inst1 (1000 due that day): L1 principal paid 250.
  const b = new Book();
  b.pay('P0', 1000, '2024-01-10');
  b.loan('L2', { amount: 1500, rate: 0, origination: '2024-01-15', dues: ['2024-02-10', '2024-03-10'] });
  b.loan('L1', { amount: 3000, rate: 0, origination: '2024-01-15', dues: ['2024-02-15', '2024-03-15', '2024-04-15'] });
  assert.equal(positiveBalance(b.status('2024-02-10')), '1000.00');
  const s10 = b.status('2024-02-11');
  assert.equal(positiveBalance(s10), '250.00');
  assert.equal(bucket(s10, 'L2', 'principal').paid, '750.00');
  assert.equal(bucket(s10, 'L1', 'principal').paid, '0.00');
  const s15 = b.status('2024-02-16');
  assert.equal(positiveBalance(s15), '0.00');
  assert.equal(bucket(s15, 'L1', 'principal').paid, '250.00');
});

test('positive balance pays another loan\'s overdue installment first on a due day', () => {
  // L2 1500 EA 0 dues 02-10, 03-10 (inst1 750 overdue from 02-11); L1 3000 EA 0 dues 02-15..
  // 3500 allocated to L1 on 02-12 pays it off (3000) -> 500 positive balance.
  // End of 02-15 (L1's due day): 500 goes to L2 inst1 (overdue, oldest) -> 250 left overdue.
  const b = new Book();
  b.loan('L2', { amount: 1500, rate: 0, origination: '2024-01-15', dues: ['2024-02-10', '2024-03-10'] });
  b.loan('L1', { amount: 3000, rate: 0, origination: '2024-01-15', dues: ['2024-02-15', '2024-03-15', '2024-04-15'] });
  b.pay('P1', 3500, '2024-02-12', [{ loan_id: 'L1', amount: 3500 }]);
  const s14 = b.status('2024-02-15');
  assert.equal(positiveBalance(s14), '500.00');
  assert.equal(bucket(s14, 'L2', 'principal').overdue, '750.00');
  const s15 = b.status('2024-02-16');
  assert.equal(positiveBalance(s15), '0.00');
  assert.equal(bucket(s15, 'L2', 'principal').overdue, '250.00');
  assert.equal(bucket(s15, 'L2', 'principal').paid, '500.00');
});

test('allocations: each amount goes to its loan', () => {
  // L1 worked (R 0); L2 300000 EA 0 dues 03-01, 04-01, 05-01 (100000 each), O 02-01.
  // 300000 on 02-20 as L1 50000 (inst1: fee 10000, interest 33642.89, principal 6357.11)
  // and L2 250000 (100000 + 100000 + 50000 of principal).
  const b = new Book();
  b.loan('L1', { ...WORKED, drate: 0 });
  b.loan('L2', { amount: 300000, rate: 0, origination: '2024-02-01', dues: ['2024-03-01', '2024-04-01', '2024-05-01'] });
  b.pay('P1', 300000, '2024-02-20', [
    { loan_id: 'L1', amount: 50000 },
    { loan_id: 'L2', amount: 250000 },
  ]);
  const s = b.status('2024-02-20');
  assert.equal(bucket(s, 'L1', 'principal').paid, '6357.11');
  assert.equal(bucket(s, 'L1', 'interest').paid, '33642.89');
  assert.equal(bucket(s, 'L1', 'installment_fee').paid, '10000.00');
  assert.equal(bucket(s, 'L2', 'principal').paid, '250000.00');
  assert.equal(bucket(s, 'L2', 'principal').total, '50000.00');
  assert.equal(positiveBalance(s), '0.00');
});

test('an allocation larger than its loan owes leaves the rest as positive balance', () => {
  const b = new Book();
  b.loan('L2', { amount: 300000, rate: 0, origination: '2024-02-01', dues: ['2024-03-01', '2024-04-01', '2024-05-01'] });
  b.loan('L1', { ...WORKED, drate: 0 });
  b.pay('P1', 310000, '2024-02-20', [{ loan_id: 'L2', amount: 310000 }]);
  const s = b.status('2024-02-20');
  assert.equal(bucket(s, 'L2', 'principal').total, '0.00');
  assert.equal(bucket(s, 'L1', 'principal').paid, '0.00');
  assert.equal(positiveBalance(s), '10000.00');
});

test('without allocations: overdue installments of all loans, oldest due date first', () => {
  // L2 1500 EA 0 dues 02-10, 03-10 (inst1 750 overdue since 02-11); L1 worked (R 0), inst1
  // overdue since 02-16. 100000 on 02-20: L2 inst1 750 first (due 02-10), then L1 inst1:
  // fee 10000, interest 33642.89, principal 100000 - 750 - 43642.89 = 55607.11.
  const b = new Book();
  b.loan('L1', { ...WORKED, drate: 0 });
  b.loan('L2', { amount: 1500, rate: 0, origination: '2024-01-15', dues: ['2024-02-10', '2024-03-10'] });
  b.pay('P1', 100000, '2024-02-20');
  const s = b.status('2024-02-20');
  assert.equal(bucket(s, 'L2', 'principal').paid, '750.00');
  assert.equal(bucket(s, 'L1', 'principal').paid, '55607.11');
});

test('the payment result body gives the split per loan and bucket', () => {
  // L2 1000 EA 0 due 02-10; L1 worked (R 0). 240000 on 02-20: L2 inst1 1000 (oldest), L1
  // inst1 229630.19, then L1 inst2 (due 03-15): fee 240000 - 1000 - 229630.19 = 9369.81.
  const b = new Book();
  b.loan('L1', { ...WORKED, drate: 0 });
  b.loan('L2', { amount: 1000, rate: 0, origination: '2024-01-15', dues: ['2024-02-10'] });
  const split = appliedSplit(b.pay('P1', 240000, '2024-02-20'));
  assert.equal(split.loans.L2!.principal, '1000.00');
  assert.equal(split.loans.L1!.principal, '185987.30');
  assert.equal(split.loans.L1!.interest, '33642.89');
  assert.equal(split.loans.L1!.installment_fee, '19369.81');
  assert.equal(split.positive, '0.00');
  assert.equal(split.sum.toFixed(2), '240000.00');
  // overpayment: the rest is the positive-balance part
  const c = new Book();
  c.loan('L2', { amount: 1000, rate: 0, origination: '2024-01-15', dues: ['2024-02-10'] });
  const s2 = appliedSplit(c.pay('P1', 1500.5, '2024-02-20'));
  assert.deepEqual([s2.loans.L2!.principal, s2.positive, s2.sum.toFixed(2)], ['1000.00', '500.50', '1000.00']);
});

test('without allocations: oldest due amount first across loans', () => {
  // 250000 on 02-20: L1 inst1 (overdue since 02-16) 229630.19 first; the remaining
  // 20369.81 goes to the next oldest due amount, L2 inst1 (due 03-01), before L1 inst2 (03-15).
  const b = new Book();
  b.loan('L2', { amount: 300000, rate: 0, origination: '2024-02-01', dues: ['2024-03-01', '2024-04-01', '2024-05-01'] });
  b.loan('L1', { ...WORKED, drate: 0 });
  b.pay('P1', 250000, '2024-02-20');
  const s = b.status('2024-02-20');
  assert.equal(bucket(s, 'L1', 'principal').paid, '185987.30');
  assert.equal(bucket(s, 'L1', 'interest').paid, '33642.89');
  assert.equal(bucket(s, 'L1', 'installment_fee').paid, '10000.00');
  assert.equal(bucket(s, 'L2', 'principal').paid, '20369.81');
});

test('the status lists the payment and never more allocated than paid', () => {
  const b = new Book();
  b.loan('L1', WORKED);
  b.pay('P1', 1400000, '2024-01-20');
  const ps = paymentsOf(b.status('2024-02-01'));
  assert.equal(ps.length, 1);
  assert.equal(paymentAmountOf(ps[0]).toFixed(2), '1400000.00');
  assert.equal(allocatedOf(ps[0]).toFixed(2), '1377781.12');
});

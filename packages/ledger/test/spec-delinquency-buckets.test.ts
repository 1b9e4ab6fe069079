/**
 * docs/ledger.md "Delinquency": days past due on day C = C − D of the loan's oldest installment
 * still owing with D < C; the loan config's bucket for them; `since` = D + 1.
 * The worked loan's first installment falls due 2024-02-15.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Book, WORKED, addDays, payment } from './fixtures/ops.js';

function book(cfg = {}) {
  const b = new Book();
  b.loan('L1', WORKED, cfg);
  return b;
}

const delinquency = (b: Book, day: string) => b.status(day).loans[0].delinquency;

test('each default bucket boundary, as days pass', () => {
  const b = book();
  const expected: Array<[number, string]> = [
    [-30, 'CURRENT'], [0, 'CURRENT'], [1, '1-30'], [30, '1-30'], [31, '31-60'], [60, '31-60'],
    [61, '61-90'], [90, '61-90'], [91, '91-180'], [180, '91-180'], [181, '181+'], [400, '181+'],
  ];
  for (const [days, bucket] of expected) {
    const day = addDays('2024-02-15', days);
    const d = delinquency(b, day);
    assert.deepEqual(d, { days_past_due: Math.max(0, days), bucket, since: days > 0 ? '2024-02-16' : null }, day);
  }
});

test('a loan config of its own buckets', () => {
  const buckets = [
    { code: 'OK', min_days: 0, max_days: 5 },
    { code: 'LATE', min_days: 6, max_days: null },
  ];
  const b = book({ delinquency_buckets: buckets });
  assert.equal(delinquency(b, '2024-02-20').bucket, 'OK');
  assert.equal(delinquency(b, '2024-02-20').days_past_due, 5);
  assert.equal(delinquency(b, '2024-02-21').bucket, 'LATE');
});

test('the first installment paid: the next owing one sets the days past due', () => {
  const b = book();
  const owed = b.status('2024-02-15').loans[0].installments[0].outstanding;
  b.pay('P1', owed, '2024-02-15');
  assert.deepEqual(delinquency(b, '2024-03-15'), { days_past_due: 0, bucket: 'CURRENT', since: null });
  assert.deepEqual(delinquency(b, '2024-03-20'), { days_past_due: 5, bucket: '1-30', since: '2024-03-16' });
});

test('a back-dated payment clears a delinquency', () => {
  const b = book();
  b.pay('P2', 1000, '2024-04-01');
  assert.equal(delinquency(b, '2024-04-01').days_past_due, 46);
  const payoff = b.status('2024-02-10').summary.full_payment_amount;
  b.ok(payment(b.next(), 'P1', payoff, '2024-02-10'));
  assert.deepEqual(delinquency(b, '2024-04-01'), { days_past_due: 0, bucket: 'CURRENT', since: null });
});

test('cancelled loans are current', () => {
  const b = book();
  b.cancel('L1', '2024-03-01');
  assert.deepEqual(delinquency(b, '2024-05-01'), { days_past_due: 0, bucket: 'CURRENT', since: null });
});

test('property: delinquency days past due agree with the summary, and the bucket holds them', () => {
  const b = book();
  fc.assert(
    fc.property(fc.integer({ min: -31, max: 500 }), (offset) => {
      const status = b.status(addDays('2024-02-15', offset));
      const loan = status.loans[0];
      assert.equal(loan.delinquency.days_past_due, loan.summary.days_past_due);
      const dpd = loan.delinquency.days_past_due;
      const bucket = [[0, 0, 'CURRENT'], [1, 30, '1-30'], [31, 60, '31-60'], [61, 90, '61-90'], [91, 180, '91-180'], [181, Infinity, '181+']].find(
        ([min, max]) => dpd >= Number(min) && dpd <= Number(max),
      )!;
      assert.equal(loan.delinquency.bucket, bucket[2]);
    }),
    { numRuns: 200 },
  );
});

/**
 * Property: for random loans the engine's schedule equals an independent reference of
 * docs/ledger.md "Schedule" (test/fixtures/reference.ts), read through the bucket states: on
 * C = D_k, installment k is current.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Book, addDays } from './fixtures/ops.js';
import { bucket, fixedInstallment } from './fixtures/read.js';
import { referenceSchedule } from './fixtures/reference.js';

const loanArb = fc.record({
  cents: fc.integer({ min: 100, max: 1_000_000_000 }),
  rate: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 15000 }).map((x) => x / 10000)),
  startOffset: fc.integer({ min: 0, max: 700 }),
  gaps: fc.array(fc.integer({ min: 1, max: 62 }), { minLength: 1, maxLength: 12 }),
  // F >= 1.00 (or 0/null): below ~0.005 n(n-1) the literal split gives a negative last
  // share (spec-schedule.test.ts 'tiny fee' covers that edge)
  fee: fc.option(fc.oneof(fc.constant(0), fc.integer({ min: 100, max: 10_000_000 }).map((c) => c / 100)), { nil: null }),
  fee2: fc.option(fc.oneof(fc.constant(0), fc.integer({ min: 100, max: 1_000_000 }).map((c) => c / 100)), { nil: null }),
});

test('schedule = reference for random loans', () => {
  fc.assert(
    fc.property(loanArb, (l) => {
      const O = addDays('2023-01-01', l.startOffset);
      const dues: string[] = [];
      let d = O;
      for (const g of l.gaps) dues.push((d = addDays(d, g)));
      const amount = l.cents / 100;
      const ref = referenceSchedule(amount, l.rate, O, dues, l.fee, l.fee2);
      const b = new Book();
      b.loan('L', { amount, rate: l.rate, drate: 0, origination: O, dues, fee: l.fee, fee2: l.fee2 });
      const s0 = b.status(O);
      assert.equal(fixedInstallment(s0, 'L'), ref.A, 'A');
      assert.equal(bucket(s0, 'L', 'principal').total, amount.toFixed(2));
      dues.forEach((due, k) => {
        const s = b.status(due);
        const inst = ref.installments[k]!;
        assert.equal(bucket(s, 'L', 'interest').current, inst.interest, `interest ${k + 1}`);
        assert.equal(bucket(s, 'L', 'principal').current, inst.principal, `principal ${k + 1}`);
        assert.equal(bucket(s, 'L', 'installment_fee').current, inst.fee, `fee ${k + 1}`);
        assert.equal(bucket(s, 'L', 'installment_fee_2').current, inst.fee2, `fee2 ${k + 1}`);
      });
    }),
    { numRuns: 40, includeErrorInReport: true },
  );
});

test('reference reproduces the worked example of docs/ledger.md (self-check of the reference)', () => {
  const ref = referenceSchedule(1200000, 0.3848, '2024-01-15', ['2024-02-15', '2024-03-15', '2024-04-15', '2024-05-15', '2024-06-15', '2024-07-15'], 60000);
  assert.equal(ref.A, '219630.19');
  assert.equal(ref.installments[0]!.interest, '33642.89');
  assert.equal(ref.installments[0]!.principal, '185987.30');
  assert.equal(ref.installments[5]!.interest, '5798.94');
  assert.equal(ref.installments[5]!.principal, '213831.23');
});

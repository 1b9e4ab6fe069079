/**
 * Properties over random histories (fixtures/gen.ts):
 * - for every bucket: initial = paid + waived + closed + outstanding (total);
 * - no amount below zero; unpaid = overdue + current <= total;
 * - a payment is never allocated beyond its amount: without cancellations, everything paid
 *   on the loans plus the positive balance equals the payments made so far (cents);
 *   and each payment listed in the status allocates at most its amount.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { apply, emptyState, statusAt } from '../src/index.js';
import { TZ } from './fixtures/ops.js';
import { historyArb, checkDays } from './fixtures/gen.js';
import { appliedSplit, BUCKETS, bucket, loansOf, loanIdOf, positiveBalance, sumAll, paymentsOf, allocatedOf, paymentAmountOf } from './fixtures/read.js';

function run(ops: any[]) {
  let state = emptyState('B1');
  for (const op of ops) {
    const r = apply(state, op, TZ);
    state = r.state;
    if (op.type === 'create_payment' && r.result.ok) {
      // the result's split never exceeds the payment; split + positive-balance part = amount
      const split = appliedSplit(r.result.body);
      const amount = new Decimal(String(op.body.payment.amount_paid));
      assert.ok(split.sum.lte(amount), `split ${split.sum} > ${amount}`);
      assert.equal(split.sum.plus(split.positive).toFixed(2), amount.toFixed(2), `split + positive balance = amount: ${JSON.stringify(r.result.body)}`);
    }
  }
  return state;
}

function checkBuckets(status: any, day: string) {
  for (const l of loansOf(status)) {
    const id = loanIdOf(l);
    for (const k of BUCKETS) {
      const x = bucket(status, id, k);
      const where = `${day} ${id} ${k} ${JSON.stringify(x)}`;
      for (const f of ['initial', 'paid', 'waived', 'closed', 'current', 'overdue', 'unpaid', 'total'] as const) {
        assert.ok(new Decimal(x[f]).gte(0), `negative ${f}: ${where}`);
      }
      assert.equal(new Decimal(x.paid).plus(x.waived).plus(x.closed).plus(x.total).toFixed(2), x.initial, `initial = paid + waived + closed + total: ${where}`);
      assert.equal(new Decimal(x.overdue).plus(x.current).toFixed(2), x.unpaid, `unpaid = overdue + current: ${where}`);
      assert.ok(new Decimal(x.unpaid).lte(x.total), `unpaid <= total: ${where}`);
    }
  }
  assert.ok(new Decimal(positiveBalance(status)).gte(0), `positive balance < 0 on ${day}`);
}

test('bucket identity and no negative amounts (with cancellations)', () => {
  fc.assert(
    fc.property(historyArb({ withCancel: true }), (h) => {
      const state = run(h.ops);
      for (const day of checkDays(h)) checkBuckets(statusAt(state, day, TZ), day);
    }),
    { numRuns: 40, includeErrorInReport: true },
  );
});

test('payments are never allocated beyond their amount (paid + positive balance = payments)', () => {
  fc.assert(
    fc.property(historyArb({ withCancel: false, maxPayCents: 150_000_000 }), (h) => {
      const state = run(h.ops);
      for (const day of checkDays(h)) {
        const s = statusAt(state, day, TZ);
        checkBuckets(s, day);
        const paidIn = h.payments.filter((p) => p.day <= day).reduce((a, p) => a + p.cents, 0);
        const out = sumAll(s, 'paid').plus(positiveBalance(s));
        assert.equal(out.toFixed(2), new Decimal(paidIn).div(100).toFixed(2), `paid + positive balance on ${day}`);
        for (const p of paymentsOf(s)) assert.ok(allocatedOf(p).lte(paymentAmountOf(p)), `payment over-allocated: ${JSON.stringify(p)}`);
      }
    }),
    { numRuns: 40, includeErrorInReport: true },
  );
});

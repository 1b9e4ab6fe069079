/**
 * Properties of the payoff (docs/ledger.md, "Payoff and prepayment"), over random books
 * (fixtures/gen.ts: payments, waivers, transfers on one or two loans):
 * - a payoff of at least the quote leaves the loan owing nothing and conserves money: per
 *   bucket, paid + waived + closed = initial; the positive balance grows by the excess;
 * - the payoff's amount is the quote the read route gives for that day;
 * - a payment back-dated before a payoff replays to the state of submitting in date order
 *   (when, in date order, the payoff is accepted).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { LedgerOperation } from '../src/api.js';
import { apply, emptyState, payoffQuoteAt, statusAt, type BorrowerState } from '../src/index.js';
import { addDays, payment, TZ } from './fixtures/ops.js';
import { historyArb, O } from './fixtures/gen.js';
import { BUCKETS, rawBucket } from './fixtures/read.js';
import { payoffOp } from './fixtures/payoff-ops.js';
import { bodyOf } from './fixtures/results.js';

function run(ops: LedgerOperation[], refused: string[] = []): BorrowerState {
  let state = emptyState('B1');
  for (const op of ops) {
    const out = apply(state, op, TZ);
    if (!out.result.ok) refused.push(op.type);
    state = out.state;
  }
  return state;
}

const cents = (x: unknown) => Math.round(Number(x) * 100);

test('a payoff leaves the loan owing nothing and conserves money in every bucket', () => {
  fc.assert(
    fc.property(historyArb({ withCancel: false, maxSteps: 6 }), fc.integer({ min: 0, max: 260 }), fc.integer({ min: 0, max: 1_000_000 }), (h, offset, extraCents) => {
      const state = run(h.ops);
      const day = addDays(O, offset);
      const quote = payoffQuoteAt(state, 'L0', day, TZ);
      fc.pre(quote.ok);
      if (!quote.ok) return;
      const amount = (cents(quote.body.payoff_amount) + extraCents) / 100;
      const before = cents(statusAt(state, day, TZ).positive_balance);
      const out = apply(state, payoffOp(h.ops.length + 1, 'L0', 'PO', amount, day), TZ);
      assert.equal(bodyOf('create_payoff', out.result).payoff_amount, quote.body.payoff_amount);
      for (const d of [day, addDays(day, 1), addDays(O, 400)]) {
        const s = statusAt(out.state, d, TZ);
        const loan = s.loans.find((l: any) => l.attributes.id === 'L0')!;
        assert.equal(loan.attributes.paid_off_date, day);
        for (const b of BUCKETS) {
          const x = rawBucket(s, 'L0', b);
          assert.equal(cents(x.total), 0, `${b} still owed on ${d}`);
          assert.equal(cents(x.paid) + cents(x.waived_off) + cents(x.closed), cents(x.initial_balance), `${b} on ${d}: ${JSON.stringify(x)}`);
        }
      }
      // the excess went to the positive balance that day (before any due day could use it)
      assert.equal(cents(statusAt(out.state, day, TZ).positive_balance) - before, extraCents);
    }),
    { numRuns: 120 },
  );
});

test('a payment back-dated before a payoff replays to the state of submitting in date order', () => {
  fc.assert(
    fc.property(historyArb({ withCancel: false, maxSteps: 4 }), fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 50_000_000 }), (h, early, gap, paidCents) => {
      const d1 = addDays(O, early);
      const d2 = addDays(d1, gap);
      const state = run(h.ops);
      const quote = payoffQuoteAt(state, 'L0', d2, TZ);
      fc.pre(quote.ok);
      if (!quote.ok) return;
      // enough to pay off whether or not the back-dated payment is there
      const amount = quote.body.payoff_amount + 1000;
      const n = h.ops.length;
      const refused: string[] = [];
      const inOrder = run([...h.ops, payment(n + 1, 'PX', paidCents / 100, d1), payoffOp(n + 2, 'L0', 'PO', amount, d2)], refused);
      // In date order the payoff must be accepted: when the payment alone pays the loan off, the
      // payoff is refused (409) in date order, while a replay never refuses money already received.
      fc.pre(!refused.includes('create_payoff'));
      const backDated = run([...h.ops, payoffOp(n + 1, 'L0', 'PO', amount, d2), payment(n + 2, 'PX', paidCents / 100, d1)]);
      const strip = (st: unknown) => JSON.parse(JSON.stringify(st, (k, v) => (k === 'kordev_id' ? undefined : v)));
      for (const day of [d1, d2, addDays(d2, 1), addDays(O, 400)]) assert.deepEqual(strip(statusAt(backDated, day, TZ)), strip(statusAt(inOrder, day, TZ)), day);
    }),
    { numRuns: 80 },
  );
});

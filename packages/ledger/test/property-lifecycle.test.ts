/**
 * Properties of the lifecycle operations (docs/ledger.md), over random books (fixtures/gen.ts):
 * - reversal: a borrower whose payment P is reversed has, on every day checked, exactly the
 *   status of a twin who never made P (P's own listing and kordev ids aside: fixtures/twin.ts);
 * - charge-off: per bucket, paid + waived + closed + charged_off + outstanding = initial,
 *   before and after the charge-off and its recoveries; nothing negative;
 * - restructuring: the new principal is what the status of that day says is carried, and the
 *   new schedule is the independent reference schedule (fixtures/reference.ts) of it;
 * - reimbursement: accepted exactly when its value fits the positive balance of its day,
 *   which then falls by the value; the positive balance is never negative.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import type { LedgerOperation } from '../src/api.js';
import { apply, emptyState, statusAt, type BorrowerState } from '../src/index.js';
import { addDays, payment, TZ } from './fixtures/ops.js';
import { checkDays, historyArb, O } from './fixtures/gen.js';
import { chargeOff, reimbursement, restructuring, reversal } from './fixtures/lifecycle-ops.js';
import { referenceSchedule } from './fixtures/reference.js';
import { BUCKETS, loanIdOf, loansOf, rawBucket } from './fixtures/read.js';
import { withoutPayment } from './fixtures/twin.js';

function run(ops: LedgerOperation[], accepted?: LedgerOperation[]): BorrowerState {
  let state = emptyState('B1');
  for (const op of ops) {
    const out = apply(state, op, TZ);
    if (out.result.ok) accepted?.push(op);
    state = out.state;
  }
  return state;
}

const dayOf = (op: LedgerOperation): string => (op.type === 'create_payment' ? op.body.payment.payment_date : '').slice(0, 10);

test('reversal: on every day, the status of a twin who never made the payment', () => {
  fc.assert(
    fc.property(
      historyArb({ withCancel: true, maxSteps: 10 }).filter((h) => h.ops.some((op) => op.type === 'create_payment')),
      fc.nat(),
      fc.integer({ min: 0, max: 120 }),
      fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
      (h, pick, lag, chargeDay) => {
        // sometimes a charge-off (back-dated among the others): the twin has it too
        const ops = chargeDay === null ? h.ops : [...h.ops, chargeOff(h.ops.length + 1, 'L0', addDays(O, chargeDay))];
        const accepted: LedgerOperation[] = [];
        const book = run(ops, accepted);
        // only a payment the ledger accepted can be reversed (a refused one is 404: spec-reversal)
        const payments = accepted.filter((op) => op.type === 'create_payment');
        fc.pre(payments.length > 0);
        const p = payments[pick % payments.length]!;
        const seq = ops.length + 1;
        const reversedOn = addDays(dayOf(p), lag);
        const reversedOut = apply(book, reversal(seq, (p as any).paymentId, reversedOn), TZ);
        assert.ok(reversedOut.result.ok, JSON.stringify(reversedOut.result.body));
        const twin = run(ops.filter((op) => op !== p));
        const days = new Set([...checkDays(h), reversedOn, addDays(reversedOn, 1), addDays(O, 400)]);
        for (const day of days) {
          assert.deepEqual(
            withoutPayment(statusAt(reversedOut.state, day, TZ), (p as any).paymentId),
            withoutPayment(statusAt(twin, day, TZ), (p as any).paymentId),
            `status on ${day}`,
          );
        }
      },
    ),
    { numRuns: 60, includeErrorInReport: true },
  );
});

function conserved(status: any, where: string): void {
  for (const loan of loansOf(status)) {
    const id = loanIdOf(loan);
    for (const k of BUCKETS) {
      const x = rawBucket(status, id, k);
      const parts = ['paid', 'waived_off', 'closed', 'charged_off', 'total'].map((f) => new Decimal(String(x[f])));
      for (const [i, v] of parts.entries()) assert.ok(v.gte(0), `negative ${i} ${where} ${id} ${k}`);
      const sum = parts.reduce((a, v) => a.plus(v), new Decimal(0));
      assert.equal(sum.toFixed(2), new Decimal(String(x.initial_balance)).toFixed(2), `${where} ${id} ${k}: ${JSON.stringify(x)}`);
    }
  }
}

test('charge-off: paid + waived + closed + charged_off + outstanding = initial, per bucket, always (recoveries too)', () => {
  fc.assert(
    fc.property(
      historyArb({ withCancel: true, maxSteps: 8 }),
      fc.integer({ min: 0, max: 200 }),
      fc.array(fc.record({ day: fc.integer({ min: 0, max: 300 }), cents: fc.integer({ min: 1, max: 200_000_000 }), explicit: fc.boolean() }), { maxLength: 4 }),
      (h, chargeDay, later) => {
        let seq = h.ops.length;
        const ops = [...h.ops, chargeOff(++seq, 'L0', addDays(O, chargeDay))];
        // payments after (or, back-dated, before) the charge-off: recoveries when they reach it
        later.forEach((p, i) => ops.push(payment(++seq, `R${i}`, p.cents / 100, addDays(O, p.day), p.explicit ? [{ loan_id: 'L0', amount: p.cents / 100 }] : null)));
        const state = run(ops);
        for (const day of new Set([...checkDays(h), addDays(O, chargeDay), addDays(O, chargeDay + 1), addDays(O, 320)])) conserved(statusAt(state, day, TZ), day);
      },
    ),
    { numRuns: 40, includeErrorInReport: true },
  );
});

test('restructuring: new principal = principal total + unpaid of the other buckets the day before it; schedule = the reference', () => {
  fc.assert(
    fc.property(
      historyArb({ withCancel: false, maxSteps: 6 }),
      fc.integer({ min: 1, max: 200 }),
      fc.array(fc.integer({ min: 10, max: 45 }), { minLength: 1, maxLength: 6 }),
      fc.constantFrom(0, 0.18, 0.3848),
      (h, offset, gaps, rate) => {
        const state = run(h.ops);
        const day = addDays(O, offset);
        const dues: string[] = [];
        let d = day;
        for (const g of gaps) dues.push((d = addDays(d, g)));
        // independent of the engine's carry-over: the status a payment on that day would meet
        const before = statusAt(state, day, TZ);
        const detail = before.loans.find((l: any) => l.attributes.id === 'L0')!.balance_detail.at_calculation_date as any;
        const expected = BUCKETS.reduce((a, k) => a.plus(String(k === 'principal' ? detail[k].total : detail[k].unpaid)), new Decimal(0));
        const out = apply(state, restructuring(h.ops.length + 1, 'L0', 'RS', { day, dues, rate }), TZ);
        assert.ok(out.result.ok, JSON.stringify(out.result.body));
        const body = out.result.body as any;
        assert.equal(new Decimal(String(body.new_principal)).toFixed(2), expected.toFixed(2));
        const ref = referenceSchedule(expected.toNumber(), rate, day, dues);
        assert.equal(new Decimal(String(body.fixed_installment_amount)).toFixed(2), ref.A);
        const fresh = statusAt(out.state, day, TZ).loans.find((l: any) => l.attributes.id === 'L0')!.installments.filter((i: any) => !i.restructured);
        fresh.forEach((inst: any, i: number) => {
          assert.equal(new Decimal(String(inst.buckets.principal.initial_balance)).toFixed(2), ref.installments[i]!.principal, `inst ${i} principal`);
          assert.equal(new Decimal(String(inst.buckets.interest.initial_balance)).toFixed(2), ref.installments[i]!.interest, `inst ${i} interest`);
        });
      },
    ),
    { numRuns: 40, includeErrorInReport: true },
  );
});

test('reimbursement: accepted iff value ≤ the positive balance of its day, which then falls by exactly value; never negative', () => {
  fc.assert(
    fc.property(
      historyArb({ withCancel: true, maxSteps: 8, maxPayCents: 300_000_000 }),
      fc.array(fc.record({ day: fc.integer({ min: 0, max: 250 }), cents: fc.integer({ min: 1, max: 50_000_000 }) }), { minLength: 1, maxLength: 4 }),
      (h, reimbursements) => {
        let state = run(h.ops);
        let seq = h.ops.length;
        reimbursements.forEach((r, i) => {
          const day = addDays(O, r.day);
          const before = new Decimal(String(statusAt(state, day, TZ).positive_balance));
          const value = new Decimal(r.cents).div(100);
          const out = apply(state, reimbursement(++seq, `RB${i}`, day, value.toNumber()), TZ);
          assert.equal(out.result.ok, value.lte(before), `${value} against ${before} on ${day}: ${JSON.stringify(out.result.body)}`);
          if (!out.result.ok) return;
          assert.equal(new Decimal(String((out.result.body as any).positive_balance_after)).toFixed(2), before.minus(value).toFixed(2));
          assert.equal(new Decimal(String(statusAt(out.state, day, TZ).positive_balance)).toFixed(2), before.minus(value).toFixed(2));
          state = out.state;
        });
        for (const day of checkDays(h)) assert.ok(statusAt(state, day, TZ).positive_balance >= 0, day);
      },
    ),
    { numRuns: 40, includeErrorInReport: true },
  );
});

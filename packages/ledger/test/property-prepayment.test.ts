/**
 * Properties of prepayments (docs/ledger.md, "Payoff and prepayment"), over random loans and
 * random prepayments:
 * - `reduce_term` never raises an installment: after it, every later installment owes no more
 *   principal + interest than it did before, and `fixed_installment_amount` is unchanged;
 * - `reduce_installment` never lengthens the term: the last due day still owing is not later;
 * - both conserve principal (what is owed + paid = the amount financed) and pay the overdue and
 *   current installments before any future principal;
 * - a payment back-dated before a prepayment replays to the state of submitting both in date
 *   order (kordev ids aside: they follow acceptance).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import type { CreatePaymentOperation, LedgerOperation } from '../src/api.js';
import { apply, emptyState, statusAt, type BorrowerState } from '../src/index.js';
import { addDays, createLoan, payment, PAYMENT_CONFIG, TZ, type LoanSpec } from './fixtures/ops.js';
import { withoutPayment } from './fixtures/twin.js';

const O = '2024-01-15';
type Effect = 'reduce_term' | 'reduce_installment';

const loanArb = fc.record({
  cents: fc.integer({ min: 100_000, max: 200_000_000 }),
  rate: fc.constantFrom(0, 0.12, 0.3848),
  drate: fc.constantFrom(0, 0.3848),
  gaps: fc.array(fc.integer({ min: 10, max: 40 }), { minLength: 2, maxLength: 8 }),
  fee: fc.option(fc.integer({ min: 100, max: 5_000_000 }).map((c) => c / 100), { nil: null }),
});

function spec(l: { cents: number; rate: number; drate: number; gaps: number[]; fee: number | null }): LoanSpec {
  const dues: string[] = [];
  let d = O;
  for (const g of l.gaps) dues.push((d = addDays(d, g)));
  return { amount: l.cents / 100, rate: l.rate, drate: l.drate, origination: O, dues, fee: l.fee };
}

function prepayment(seq: number, id: string, cents: number, day: string, effect: Effect): LedgerOperation {
  const op = payment(seq, id, cents / 100, day) as CreatePaymentOperation;
  return { ...op, body: { ...op.body, payment: { ...op.body.payment, prepayment_effect: effect } }, paymentConfig: PAYMENT_CONFIG };
}

function run(ops: LedgerOperation[]): BorrowerState {
  let state = emptyState('B1');
  for (const op of ops) {
    const out = apply(state, op, TZ);
    assert.ok(out.result.ok, JSON.stringify(out.result.body));
    state = out.state;
  }
  return state;
}

const cents = (x: number) => Math.round(x * 100);

function owedPI(inst: any): number {
  return cents(inst.buckets.principal.outstanding) + cents(inst.buckets.interest.outstanding);
}

test('reduce_term never raises an installment; reduce_installment never lengthens the term; principal is conserved', () => {
  fc.assert(
    fc.property(loanArb, fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 300_000_000 }), fc.constantFrom<Effect>('reduce_term', 'reduce_installment'), (l, offset, amount, effect) => {
      const s = spec(l);
      const day = addDays(O, offset);
      const loan = createLoan(1, 'L1', s);
      const before = statusAt(run([loan]), day, TZ).loans[0]!;
      const state = run([loan, prepayment(2, 'P1', amount, day, effect)]);
      const after = statusAt(state, day, TZ).loans[0]!;
      const prepaid = after.prepayments.reduce((sum: number, p: any) => sum + cents(p.amount), 0);
      const cur = before.installments.findIndex((i: any) => i.state === 'current');
      if (prepaid > 0) {
        // what is overdue and current was paid first
        for (const inst of after.installments.slice(0, cur + 1)) assert.equal(cents(inst.outstanding), 0);
      }
      if (effect === 'reduce_term') {
        assert.equal(after.attributes.fixed_installment_amount, before.attributes.fixed_installment_amount);
        after.installments.forEach((inst: any, i: number) => {
          if (i > cur && cur !== -1) assert.ok(owedPI(inst) <= owedPI(before.installments[i]), `installment ${i + 1} raised`);
        });
      } else {
        const last = (st: any) => st.installments.reduce((k: number, inst: any, i: number) => (cents(inst.outstanding) > 0 ? i : k), -1);
        assert.ok(last(after) <= last(before), 'term lengthened');
      }
      // principal: owed + paid = amount financed, and nothing negative
      const p = after.balance_detail.at_calculation_date.principal;
      assert.equal(cents(p.total) + cents(p.paid), cents(after.attributes.amount_financed));
      for (const inst of after.installments) for (const b of Object.values(inst.buckets) as any[]) assert.ok(b.outstanding >= 0);
      // the payment is all accounted for: to the loan (allocations) or to the positive balance
      const st = statusAt(state, day, TZ);
      const p1 = st.payments.find((x: any) => x.id === 'P1')!;
      const allocated = p1.allocations.reduce((sum: Decimal, a: any) => sum.plus(a.amount), new Decimal(0));
      assert.equal(allocated.plus(p1.positive_balance_amount).toFixed(2), new Decimal(amount).div(100).toFixed(2));
    }),
    { numRuns: 150 },
  );
});

test('a payment back-dated before a prepayment replays to the state of submitting in date order', () => {
  fc.assert(
    fc.property(loanArb, fc.integer({ min: 0, max: 250 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 100_000_000 }), fc.integer({ min: 1, max: 100_000_000 }), fc.constantFrom<Effect>('reduce_term', 'reduce_installment'), (l, early, gap, a1, a2, effect) => {
      const s = spec(l);
      const d1 = addDays(O, early);
      const d2 = addDays(d1, gap);
      const inOrder = run([createLoan(1, 'L1', s), payment(2, 'P0', a1 / 100, d1), prepayment(3, 'P1', a2, d2, effect)]);
      const backDated = run([createLoan(1, 'L1', s), prepayment(2, 'P1', a2, d2, effect), payment(3, 'P0', a1 / 100, d1)]);
      for (const day of [d1, d2, addDays(d2, 1), addDays(O, 400)]) {
        assert.deepEqual(withoutPayment(statusAt(backDated, day, TZ), 'none'), withoutPayment(statusAt(inOrder, day, TZ), 'none'), day);
      }
    }),
    { numRuns: 100 },
  );
});

/**
 * Properties of the promise to pay (docs/ledger.md "Promise to pay"), over random payments
 * arriving in random acceptance order (so some are back-dated), to two loans too large to be
 * paid off (every payment reaches the loan it names in full):
 * - `paid_toward` on every day checked is the sum, in integer cents computed here, of the
 *   payments that count (from the promise's day through min(due date, the day); to its loan
 *   when it names one), so it never exceeds the payments in the window;
 * - the state on each day is the one that sum gives, and over the days it only moves forward
 *   (active, then kept or broken; kept stays kept; broken stays broken);
 * - one `promise.kept` event exactly when the promise ends kept, dated within its window, on or
 *   after the day the sum reached the amount (a payment back-dated later may move that day
 *   earlier; the event stays as written);
 * - how the payments are split does not matter: a payment cut in two on its day gives the same
 *   promise on every day.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { LedgerOperation } from '../src/api.js';
import { apply, emptyState, statusAt, type BorrowerState, type LedgerEvent } from '../src/index.js';
import { addDays, createLoan, payment, TZ } from './fixtures/ops.js';
import { promise } from './fixtures/promise-ops.js';

const O = '2024-01-15';
const BIG = { amount: 100_000_000, rate: 0, drate: 0, origination: O, dues: ['2024-03-15', '2024-05-15', '2024-07-15'] };

interface Pay { cents: number; day: number; loan: 0 | 1 }
interface Case {
  from: number;
  length: number;
  amountCents: number;
  named: boolean;
  pays: Pay[];
  /** Where the promise sits in acceptance order, among the payments. */
  promiseAt: number;
  /** A permutation key per payment: acceptance order is by it. */
  order: number[];
}

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    from: fc.integer({ min: 1, max: 30 }),
    length: fc.integer({ min: 0, max: 30 }),
    amountCents: fc.integer({ min: 1, max: 1_500_000 }),
    named: fc.boolean(),
    pays: fc.array(
      fc.record({ cents: fc.integer({ min: 0, max: 500_000 }), day: fc.integer({ min: 0, max: 70 }), loan: fc.constantFrom(0 as const, 1 as const) }),
      { maxLength: 8 },
    ),
    promiseAt: fc.nat(),
    order: fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
  });

const LOANS = ['L1', 'L2'];
const dayOf = (offset: number) => addDays(O, offset);

/** Acceptance order: the loans, then payments (and the promise) by the case's permutation. */
function opsOf(c: Case, pays: Pay[]): LedgerOperation[] {
  let seq = 0;
  const ops: LedgerOperation[] = [createLoan(++seq, 'L1', BIG), createLoan(++seq, 'L2', BIG)];
  const indexed = pays.map((p, i) => ({ p, i, key: c.order[i % c.order.length]! * 100 + i }));
  indexed.sort((a, b) => a.key - b.key);
  const at = c.promiseAt % (indexed.length + 1);
  indexed.forEach(({ p, i }, k) => {
    if (k === at) ops.push(promise(++seq, 'PR1', dayOf(c.from), { amount: c.amountCents / 100, due: dayOf(c.from + c.length), ...(c.named ? { loanId: 'L1' } : {}) }));
    ops.push(payment(++seq, `P${i}`, p.cents / 100, dayOf(p.day), [{ loan_id: LOANS[p.loan]!, amount: p.cents / 100 }]));
  });
  if (at === indexed.length) ops.push(promise(++seq, 'PR1', dayOf(c.from), { amount: c.amountCents / 100, due: dayOf(c.from + c.length), ...(c.named ? { loanId: 'L1' } : {}) }));
  return ops;
}

function run(ops: LedgerOperation[]): { state: BorrowerState; events: LedgerEvent[] } {
  let state = emptyState('B1');
  const events: LedgerEvent[] = [];
  for (const op of ops) {
    const out = apply(state, op, TZ);
    assert.ok(out.result.ok, `${op.type} ${op.seq}: ${JSON.stringify(out.result.body)}`);
    events.push(...(out.result.events ?? []));
    state = out.state;
  }
  return { state, events };
}

/** The model: integer cents counted through day `d` (an offset from O). */
function modelPaid(c: Case, pays: Pay[], d: number): number {
  const last = Math.min(c.from + c.length, d);
  return pays.filter((p) => p.day >= c.from && p.day <= last && (!c.named || p.loan === 0)).reduce((s, p) => s + p.cents, 0);
}

function modelKeptOn(c: Case, pays: Pay[]): number | null {
  for (let d = c.from; d <= c.from + c.length; d += 1) if (modelPaid(c, pays, d) >= c.amountCents) return d;
  return null;
}

const RANK: Record<string, number> = { active: 0, kept: 1, broken: 1 };

function checkDays(c: Case): number[] {
  const due = c.from + c.length;
  return [...new Set([c.from, c.from + Math.floor(c.length / 2), due, due + 1, due + 5, 75])].sort((a, b) => a - b);
}

function promiseOn(state: BorrowerState, d: number) {
  const found = statusAt(state, dayOf(d), TZ).promises.find((p) => p.id === 'PR1');
  assert.ok(found, `no promise on ${dayOf(d)}`);
  return found;
}

test('paid_toward is the window\'s payments to the cent; states follow from it and only move forward; one promise.kept when kept', () => {
  fc.assert(
    fc.property(caseArb, (c) => {
      const { state, events } = run(opsOf(c, c.pays));
      const keptOn = modelKeptOn(c, c.pays);
      let previous: string | null = null;
      for (const d of checkDays(c)) {
        const p = promiseOn(state, d);
        const paid = modelPaid(c, c.pays, d);
        assert.equal(Math.round(p.paid_toward * 100), paid, `paid_toward on ${dayOf(d)}`);
        const windowTotal = c.pays.filter((x) => x.day >= c.from && x.day <= d).reduce((s, x) => s + x.cents, 0);
        assert.ok(Math.round(p.paid_toward * 100) <= windowTotal);
        const expected = keptOn !== null && keptOn <= d ? 'kept' : d > c.from + c.length ? 'broken' : 'active';
        assert.equal(p.state, expected, `state on ${dayOf(d)}`);
        if (previous !== null) {
          assert.ok(RANK[p.state]! >= RANK[previous]!, `${previous} then ${p.state}`);
          if (previous !== 'active') assert.equal(p.state, previous);
        }
        previous = p.state;
      }
      // One event, dated the day the promise was kept as judged when it was reported: a payment
      // back-dated afterwards may move that day earlier (events are never rewritten).
      const kept = events.filter((e) => e.type === 'promise.kept');
      assert.equal(kept.length, keptOn === null ? 0 : 1);
      if (keptOn !== null) {
        assert.ok(kept[0]!.effective_date >= dayOf(keptOn) && kept[0]!.effective_date <= dayOf(c.from + c.length), kept[0]!.effective_date);
      }
    }),
    { numRuns: 120 },
  );
});

test('a payment cut in two on its day gives the same promise on every day', () => {
  fc.assert(
    fc.property(caseArb.filter((c) => c.pays.length > 0), fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), (c, which, share) => {
      const i = which % c.pays.length;
      const target = c.pays[i]!;
      const part = Math.floor(target.cents * share);
      const split: Pay[] = [...c.pays.slice(0, i), { ...target, cents: part }, ...c.pays.slice(i + 1), { ...target, cents: target.cents - part }];
      const whole = run(opsOf(c, c.pays)).state;
      const cut = run(opsOf({ ...c, order: [...c.order, 0] }, split)).state;
      for (const d of checkDays(c)) {
        const a = promiseOn(whole, d);
        const b = promiseOn(cut, d);
        assert.deepEqual([b.state, b.paid_toward], [a.state, a.paid_toward], `on ${dayOf(d)}`);
      }
    }),
    { numRuns: 80 },
  );
});

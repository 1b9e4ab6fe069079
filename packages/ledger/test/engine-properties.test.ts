/**
 * Properties of the replay machinery (snapshots every 16 records, back-dated insertion,
 * out-of-seq arrival, serialization), with fast-check:
 * - operations accepted in seq order but effective on random days (so many are back-dated,
 *   across snapshot boundaries) give exactly the state of applying them in (day, seq) order;
 * - arrival in any order with the same (day, seq) gives the same status, kordev_id included;
 * - a serialize/deserialize round trip at any point changes nothing, later applies included;
 * - every bucket: initial = paid + waived + closed + outstanding, nothing negative.
 * Operations are chosen so none can be refused in any order: payments, percentage waivers
 * and transfers to fresh owners.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { LedgerOperation } from '../src/api.js';
import { apply, emptyState, historyOf, statusAt, type BorrowerState } from '../src/index.js';
import { createLoan, LOAN_CONFIG, payment, resetSeq, transfer, TZ, waiver } from './engine-helpers.js';
import { throughDocument } from './fixtures/legacy-document.js';

const dayOf = (offset: number) => new Date(Date.UTC(2024, 0, 15) + offset * 86_400_000).toISOString().slice(0, 10);

type Step = { kind: 'pay'; day: number; cents: number; loan: number | null } | { kind: 'waive'; day: number; pct: number; loan: number } | { kind: 'transfer'; day: number; loan: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('pay' as const), day: fc.integer({ min: 0, max: 200 }), cents: fc.integer({ min: 0, max: 30_000_000 }), loan: fc.option(fc.integer({ min: 0, max: 1 }), { nil: null }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('waive' as const), day: fc.integer({ min: 0, max: 200 }), pct: fc.integer({ min: 1, max: 40 }), loan: fc.integer({ min: 0, max: 1 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('transfer' as const), day: fc.integer({ min: 0, max: 200 }), loan: fc.integer({ min: 0, max: 1 }) }) },
);

function build(steps: Step[]): LedgerOperation[] {
  resetSeq();
  const config = { ...LOAN_CONFIG, late_fee_amount: 3000, late_fee_grace_days: 2, daily_fee_max_charge: 5000 };
  const ops: LedgerOperation[] = [createLoan('L0', { daily_fee_charge: 40 }, config), createLoan('L1', { amount_financed: 300000, origination_date: '2024-01-15T00:00:00-05:00' })];
  steps.forEach((s, i) => {
    const loan = `L${'loan' in s && s.loan !== null ? s.loan : 0}`;
    if (s.kind === 'pay') ops.push(payment(`P${i}`, s.cents / 100, dayOf(s.day), s.loan === null ? null : [{ loan_id: loan, amount: s.cents / 100 }]));
    else if (s.kind === 'waive') ops.push(waiver(loan, `W${i}`, dayOf(s.day), { type: 'percentage', percentage: s.pct / 100, bucket: 'all' }));
    else ops.push(transfer(loan, `OWNER_${i}`, dayOf(s.day)));
  });
  return ops;
}

function applyAll(ops: LedgerOperation[], state: BorrowerState = emptyState('B1')): BorrowerState {
  for (const op of ops) {
    const out = apply(state, op, TZ);
    assert.ok(out.result.ok, JSON.stringify(out.result.body));
    state = out.state;
  }
  return state;
}

function sortedByKey(ops: LedgerOperation[]): LedgerOperation[] {
  return [...ops].sort((a, b) => (effective(a) < effective(b) ? -1 : effective(a) > effective(b) ? 1 : a.seq - b.seq));
}

function effective(op: LedgerOperation): string {
  switch (op.type) {
    case 'create_loan': return (op.body.loan.origination_date ?? '').slice(0, 10);
    case 'create_payment': return op.body.payment.payment_date.slice(0, 10);
    case 'create_waiver': return op.body.waiver.effective_date.slice(0, 10);
    case 'transfer_ownership': return op.body.ownership_transfer.effective_date.slice(0, 10);
    default: throw new Error(`no effective date for ${op.type}`);
  }
}

const CHECK_DAYS = [0, 17, 31, 45, 60, 95, 150, 201, 260].map(dayOf);

test('seq-order arrival with back-dating = applying in (day, seq) order; any arrival order agrees', () => {
  fc.assert(
    fc.property(fc.array(stepArb, { minLength: 10, maxLength: 45 }), fc.integer(), (steps, shuffleSeed) => {
      const ops = build(steps);
      const bySeq = applyAll(ops);
      const byKey = applyAll(sortedByKey(ops));
      // A third arrival order: creates first, then a deterministic shuffle.
      const rest = ops.slice(2);
      const shuffled = rest.map((op, i) => ({ op, k: (Math.imul(i + 1, 2654435761) ^ shuffleSeed) >>> 0 })).sort((a, b) => a.k - b.k).map((x) => x.op);
      const random = applyAll([...ops.slice(0, 2), ...shuffled]);
      for (const d of CHECK_DAYS) {
        const expected = statusAt(byKey, d, TZ);
        assert.deepEqual(statusAt(bySeq, d, TZ), expected, d);
        assert.deepEqual(statusAt(random, d, TZ), expected, d);
      }
      assert.deepEqual(historyOf(bySeq, TZ), historyOf(byKey, TZ));
    }),
    { numRuns: 25 },
  );
});

test('serialize round trip at any point changes nothing; buckets keep their identity', () => {
  fc.assert(
    fc.property(fc.array(stepArb, { minLength: 5, maxLength: 40 }), fc.nat(), (steps, cut) => {
      const ops = build(steps);
      const at = 2 + (cut % (ops.length - 1));
      const first = applyAll(ops.slice(0, at));
      const copy = throughDocument(first);
      const a = applyAll(ops.slice(at), first);
      const b = applyAll(ops.slice(at), copy);
      for (const d of CHECK_DAYS) {
        const sa = statusAt(a, d, TZ);
        assert.deepEqual(statusAt(b, d, TZ), sa, d);
        for (const loan of sa.loans) {
          for (const [name, x] of Object.entries(loan.balance_detail.at_calculation_date)) {
            const cents = (v: number) => Math.round(v * 100);
            assert.equal(cents(x.initial_balance), cents(x.paid) + cents(x.waived_off) + cents(x.closed) + cents(x.total), `${d} ${name}`);
            for (const v of Object.values(x)) assert.ok(v >= 0);
          }
        }
      }
    }),
    { numRuns: 25 },
  );
});

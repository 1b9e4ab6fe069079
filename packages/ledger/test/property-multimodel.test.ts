/**
 * Differential property: a borrower with 2-3 loans, payments with and without allocations,
 * the positive balance on due days, cancellations, transfers (transferred_amounts);
 * engine vs fixtures/multimodel.ts.
 * All loans originate on O (so the model's day loop covers them all from the start).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { apply, emptyState, statusAt } from '../src/index.js';
import { TZ, addDays, createLoan, payment, cancel, transfer, type LoanSpec } from './fixtures/ops.js';
import { bucket, positiveBalance, BUCKETS, transferred } from './fixtures/read.js';
import { multiModelAt, type MOp } from './fixtures/multimodel.js';

const O = '2024-01-15';

const loanArb = fc.record({
  cents: fc.integer({ min: 10_000, max: 50_000_000 }),
  rate: fc.constantFrom(0, 0.24, 0.3848),
  drate: fc.constantFrom(0, 0.3848),
  start: fc.integer({ min: 1, max: 20 }),
  gaps: fc.array(fc.integer({ min: 7, max: 35 }), { minLength: 1, maxLength: 4 }),
  fee: fc.option(fc.integer({ min: 100, max: 1_000_000 }).map((c) => c / 100), { nil: null }),
  daily: fc.option(fc.integer({ min: 1, max: 10_000 }).map((c) => c / 100), { nil: null }),
  dailyMax: fc.option(fc.integer({ min: 0, max: 500_000 }).map((c) => c / 100), { nil: null }),
  lateFee: fc.option(fc.integer({ min: 1, max: 100_000 }).map((c) => c / 100), { nil: null }),
  grace: fc.integer({ min: 0, max: 3 }),
});

const arb = fc.record({
  loans: fc.array(loanArb, { minLength: 2, maxLength: 3 }),
  ops: fc.array(
    fc.oneof(
      { weight: 4, arbitrary: fc.record({ kind: fc.constant('pay' as const), d: fc.integer({ min: 0, max: 150 }), cents: fc.integer({ min: 0, max: 40_000_000 }), to: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), d: fc.integer({ min: 0, max: 150 }), to: fc.integer({ min: 0, max: 2 }) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('transfer' as const), d: fc.integer({ min: 0, max: 150 }), to: fc.integer({ min: 0, max: 2 }) }) },
    ),
    { maxLength: 7 },
  ),
  checks: fc.array(fc.integer({ min: 0, max: 180 }), { minLength: 1, maxLength: 4 }),
});

test('engine = reference model (several loans, allocations, positive balance, cancellations)', () => {
  fc.assert(
    fc.property(arb, (a) => {
      const defs = a.loans.map((l, k) => {
        const dues: string[] = [];
        let d = addDays(O, l.start - 1);
        for (const g of l.gaps) dues.push((d = addDays(d, g)));
        const spec: LoanSpec = { amount: l.cents / 100, rate: l.rate, drate: l.drate, origination: O, dues, fee: l.fee, daily: l.daily };
        return { id: `L${k}`, spec, cfg: { lateFee: l.lateFee, grace: l.grace, dailyMax: l.dailyMax } };
      });
      let state = emptyState('B1');
      let seq = 0;
      for (const d of defs) {
        const r = apply(state, createLoan(++seq, d.id, d.spec, { late_fee_amount: d.cfg.lateFee, late_fee_grace_days: d.cfg.grace, daily_fee_max_charge: d.cfg.dailyMax }), TZ);
        assert.equal(r.result.ok, true);
        state = r.state;
      }
      const ordered = a.ops.map((o, k) => ({ o, k })).sort((x, y) => x.o.d - y.o.d || x.k - y.k);
      const mops: MOp[] = [];
      const cancelled = new Set<string>();
      for (const { o, k } of ordered) {
        const day = addDays(O, o.d);
        if (o.kind === 'pay') {
          const loanId = o.to === null ? null : defs[o.to % defs.length]!.id;
          if (loanId && cancelled.has(loanId)) continue; // allocation to a cancelled loan: SPEC silent
          const alloc = loanId ? [{ loan_id: loanId, amount: o.cents / 100 }] : null;
          const r = apply(state, payment(++seq, `P${k}`, o.cents / 100, day, alloc), TZ);
          assert.equal(r.result.ok, true, JSON.stringify(r.result.body));
          state = r.state;
          mops.push({ kind: 'pay', day, amount: o.cents / 100, alloc: loanId ? { loanId, amount: o.cents / 100 } : null });
        } else if (o.kind === 'transfer') {
          // transferred_amounts = principal, interest, installment_fee states on that day
          const loanId = defs[o.to % defs.length]!.id;
          if (cancelled.has(loanId)) continue;
          const r = apply(state, transfer(++seq, 'B1', loanId, `OWN_${k}`, day), TZ);
          assert.equal(r.result.ok, true, JSON.stringify(r.result.body));
          state = r.state;
          const m = multiModelAt(defs, mops, day);
          for (const b of ['principal', 'interest', 'installment_fee'] as const) {
            const x = m.bucket(loanId, b, day);
            assert.deepEqual(transferred(r.result.body, b), { overdue: x.overdue, current: x.current, unpaid: x.unpaid, total: x.total }, `transfer ${loanId} ${b} on ${day}`);
          }
        } else {
          const loanId = defs[o.to % defs.length]!.id;
          if (cancelled.has(loanId)) continue;
          const r = apply(state, cancel(++seq, loanId, day), TZ);
          assert.equal(r.result.ok, true, JSON.stringify(r.result.body));
          state = r.state;
          cancelled.add(loanId);
          mops.push({ kind: 'cancel', day, loanId });
        }
      }
      for (const c of a.checks) {
        const C = addDays(O, c);
        const m = multiModelAt(defs, mops, C);
        const s = statusAt(state, C, TZ);
        for (const d of defs) {
          for (const b of BUCKETS) {
            const e = bucket(s, d.id, b);
            const x = m.bucket(d.id, b, C);
            const got = m.isCancelled(d.id)
              ? { overdue: e.overdue, current: e.current, unpaid: e.unpaid, total: e.total }
              : { initial: e.initial, paid: e.paid, overdue: e.overdue, current: e.current, unpaid: e.unpaid, total: e.total };
            const want = m.isCancelled(d.id) ? { overdue: x.overdue, current: x.current, unpaid: x.unpaid, total: x.total } : x;
            assert.deepEqual(got, want, `${d.id} ${b} on ${C}`);
          }
        }
        assert.equal(positiveBalance(s), m.pb.toFixed(2), `positive balance on ${C}`);
      }
    }),
    { numRuns: 100, includeErrorInReport: true },
  );
});

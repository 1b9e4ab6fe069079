/**
 * Differential property: one loan (usury cap, any payment order) with payments and waivers, engine vs the independent
 * day-by-day reference model of docs/ledger.md (fixtures/model.ts), every bucket figure and the
 * positive balance on random days, to the cent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { apply, emptyState, statusAt } from '../src/index.js';
import { TZ, addDays, createLoan, payment, waiver, PAYMENT_ORDER, PAYMENT_CONFIG, type LoanSpec } from './fixtures/ops.js';
import { bucket, positiveBalance, BUCKETS } from './fixtures/read.js';
import { modelAt, type ModelOp } from './fixtures/model.js';

const O = '2024-01-15';

const arb = fc.record({
  cents: fc.integer({ min: 100_000, max: 200_000_000 }),
  rate: fc.constantFrom(0, 0.12, 0.3848, 0.9),
  drate: fc.constantFrom(0, 0.2, 0.3848),
  gaps: fc.array(fc.integer({ min: 5, max: 40 }), { minLength: 1, maxLength: 5 }),
  fee: fc.option(fc.integer({ min: 100, max: 5_000_000 }).map((c) => c / 100), { nil: null }),
  fee2: fc.option(fc.integer({ min: 100, max: 500_000 }).map((c) => c / 100), { nil: null }),
  daily: fc.option(fc.integer({ min: 1, max: 100_000 }).map((c) => c / 100), { nil: null }),
  dailyMax: fc.option(fc.integer({ min: 0, max: 5_000_000 }).map((c) => c / 100), { nil: null }),
  lateFee: fc.option(fc.integer({ min: 1, max: 1_000_000 }).map((c) => c / 100), { nil: null }),
  grace: fc.integer({ min: 0, max: 5 }),
  usury: fc.option(fc.constantFrom(0.1, 0.25, 0.3848, 0.5), { nil: null }),
  ops: fc.array(
    fc.oneof(
      fc.record({
        kind: fc.constant('pay' as const),
        d: fc.integer({ min: 0, max: 200 }),
        cents: fc.integer({ min: 0, max: 100_000_000 }),
        // a payment config may set another order (docs/ledger.md Payments)
        order: fc.option(fc.shuffledSubarray([...PAYMENT_ORDER], { minLength: 7, maxLength: 7 }), { nil: null }),
      }),
      fc.record({
        kind: fc.constant('waive' as const),
        d: fc.integer({ min: 0, max: 200 }),
        scope: fc.constantFrom(
          'all', 'principal', 'interest', 'installment_fee', 'delinquency_interest', 'late_fee',
          'overdue_principal', 'overdue_interest', 'overdue_installment_fee', 'current_principal',
          'current_installment_fee', 'current_installment', 'non_overdue_principal', 'non_overdue_installment_fee',
        ),
        type: fc.constantFrom('amount' as const, 'percentage' as const),
        cents: fc.integer({ min: 0, max: 20_000_000 }),
        pct: fc.integer({ min: 0, max: 100 }).map((x) => x / 100),
      }),
    ),
    { maxLength: 8 },
  ),
  checks: fc.array(fc.integer({ min: 0, max: 260 }), { minLength: 1, maxLength: 4 }),
});

test('engine = reference model (one loan, payments, waivers, accruals)', () => {
  fc.assert(
    fc.property(arb, (a) => {
      const dues: string[] = [];
      let d = O;
      for (const g of a.gaps) dues.push((d = addDays(d, g)));
      const spec: LoanSpec = { amount: a.cents / 100, rate: a.rate, drate: a.drate, origination: O, dues, fee: a.fee, fee2: a.fee2, daily: a.daily };
      const cfg = { lateFee: a.lateFee, grace: a.grace, dailyMax: a.dailyMax, usury: a.usury };
      let state = emptyState('B1');
      state = apply(state, createLoan(1, 'L', spec, { late_fee_amount: a.lateFee, late_fee_grace_days: a.grace, daily_fee_max_charge: a.dailyMax, usury_rate: a.usury, usury_behavior: 'cap' }), TZ).state;
      const mops: ModelOp[] = [];
      // ops are applied in effective-day order (ties by seq) so that a refusal means the
      // same thing in the engine and the model
      const ordered = a.ops.map((o, k) => ({ o, k })).sort((x, y) => x.o.d - y.o.d || x.k - y.k);
      let seq = 1;
      for (const { o, k } of ordered) {
        const day = addDays(O, o.d);
        seq++;
        if (o.kind === 'pay') {
          const order = o.order ?? undefined;
          mops.push({ kind: 'pay', day, amount: o.cents / 100, order });
          const cfgP = order ? { ...PAYMENT_CONFIG, id: 'CUSTOM', allocation_order: [...order] } : PAYMENT_CONFIG;
          const r = apply(state, payment(seq, `P${k}`, o.cents / 100, day, null, cfgP), TZ);
          assert.equal(r.result.ok, true, JSON.stringify(r.result.body));
          state = r.state;
        } else {
          const value = o.type === 'amount' ? o.cents / 100 : o.pct;
          const mop: ModelOp = { kind: 'waive', day, scope: o.scope, type: o.type, value };
          const r = apply(state, waiver(seq, 'L', `W${k}`, { bucket: o.scope, type: o.type, amount: o.type === 'amount' ? value : null, percentage: o.type === 'percentage' ? value : null, day }), TZ);
          // the model decides acceptance from the same history up to that day
          const m = modelAt(spec, cfg, [...mops, mop], day);
          const accepted = m.results[m.results.length - 1]!;
          assert.equal(r.result.ok, accepted, `waiver ${JSON.stringify(mop)} engine ${JSON.stringify(r.result.body)}`);
          if (accepted) {
            mops.push(mop);
            state = r.state;
          }
        }
      }
      for (const c of a.checks) {
        const C = addDays(O, c);
        const m = modelAt(spec, cfg, mops, C);
        const s = statusAt(state, C, TZ);
        for (const b of BUCKETS) {
          const e = bucket(s, 'L', b);
          const x = m.bucket(b, C);
          assert.deepEqual(
            { initial: e.initial, paid: e.paid, waived: e.waived, overdue: e.overdue, current: e.current, unpaid: e.unpaid, total: e.total },
            x,
            `${b} on ${C}`,
          );
        }
        assert.equal(positiveBalance(s), m.pb.toFixed(2), `positive balance on ${C}`);
      }
    }),
    { numRuns: 60, includeErrorInReport: true },
  );
});

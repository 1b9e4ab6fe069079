/**
 * Differential property: a borrower with 2-3 loans, payments with and without allocations,
 * the positive balance on due days, cancellations, transfers (transferred_amounts),
 * a consolidation (default config);
 * engine vs fixtures/multimodel.ts.
 * All loans originate on O (so the model's day loop covers them all from the start).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { apply, emptyState, statusAt } from '../src/index.js';
import { TZ, addDays, createLoan, payment, cancel, transfer, consolidation, type LoanSpec } from './fixtures/ops.js';
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
  // consolidation of L0 and L1 into C on day d (at most one)
  cons: fc.option(fc.record({ d: fc.integer({ min: 0, max: 150 }), rate: fc.constantFrom(0, 0.2, 0.3848), gaps: fc.array(fc.integer({ min: 10, max: 40 }), { minLength: 1, maxLength: 3 }) }), { nil: null }),
});

/** The generated loans as engine definitions: due days from the gaps, configs from the draw. */
function loanDefsOf(loans: Gen['loans']) {
  return loans.map((l, k) => {
    const dues: string[] = [];
    let d = addDays(O, l.start - 1);
    for (const g of l.gaps) dues.push((d = addDays(d, g)));
    const spec: LoanSpec = { amount: l.cents / 100, rate: l.rate, drate: l.drate, origination: O, dues, fee: l.fee, daily: l.daily };
    return { id: `L${k}`, spec, cfg: { lateFee: l.lateFee, grace: l.grace, dailyMax: l.dailyMax } };
  });
}

test('engine = reference model (several loans, allocations, positive balance, cancellations)', () => {
  fc.assert(
    fc.property(arb, (a) => {
      const defs = loanDefsOf(a.loans);
      let state = emptyState('B1');
      let seq = 0;
      for (const d of defs) {
        const r = apply(state, createLoan(++seq, d.id, d.spec, { late_fee_amount: d.cfg.lateFee, late_fee_grace_days: d.cfg.grace, daily_fee_max_charge: d.cfg.dailyMax }), TZ);
        assert.equal(r.result.ok, true);
        state = r.state;
      }
      type AnyOp = (typeof a.ops)[number] | { kind: 'consolidate'; d: number; rate: number; gaps: number[] };
      const all: AnyOp[] = [...a.ops];
      if (a.cons) all.push({ kind: 'consolidate', ...a.cons });
      const ordered = all.map((o, k) => ({ o, k })).sort((x, y) => x.o.d - y.o.d || x.k - y.k);
      const mops: MOp[] = [];
      const cancelled = new Set<string>(); // cancelled or consolidated
      for (const { o, k } of ordered) {
        const day = addDays(O, o.d);
        if (o.kind === 'consolidate') {
          const loans = ['L0', 'L1'];
          if (loans.some((id) => cancelled.has(id))) continue;
          const dues: string[] = [];
          let dd = day;
          for (const g of o.gaps) dues.push((dd = addDays(dd, g)));
          const r = apply(state, consolidation(++seq, 'C', { originalLoans: loans, day, dues, rate: o.rate }), TZ);
          assert.equal(r.result.ok, true, JSON.stringify(r.result.body));
          state = r.state;
          for (const id of loans) cancelled.add(id);
          mops.push({ kind: 'consolidate', day, id: 'C', loans, rate: o.rate, dues });
          continue;
        }
        if (o.kind === 'pay') {
          const loanId = o.to === null ? null : defs[o.to % defs.length]!.id;
          if (loanId && cancelled.has(loanId)) continue; // allocation to a cancelled loan: the rules are silent
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
        const ids = [...defs.map((d) => d.id), ...(m.has('C') ? ['C'] : [])];
        for (const id of ids) {
          const d = { id };
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

type Gen = typeof arb extends fc.Arbitrary<infer T> ? T : never;

function shuffledAgainstModel(a: Omit<Gen, 'cons'>, perm: number[]) {
  {
    {
      const defs = loanDefsOf(a.loans);
      const creates = defs.map((d, k) =>
        createLoan(k + 1, d.id, d.spec, { late_fee_amount: d.cfg.lateFee, late_fee_grace_days: d.cfg.grace, daily_fee_max_charge: d.cfg.dailyMax }),
      );
      // seq = generation order (so later seqs are often effective earlier: back-dated)
      const withSeq = a.ops.map((o, k) => ({ o, k, seq: defs.length + 1 + k, day: addDays(O, o.d) }));
      // validity decided in the canonical order (effective day, seq); loans that are ever
      // cancelled get no allocations or transfers (their fate would depend on arrival order)
      const canonical = [...withSeq].sort((x, y) => x.o.d - y.o.d || x.seq - y.seq);
      const everCancelled = new Set(a.ops.filter((o) => o.kind === 'cancel').map((o) => defs[o.to % defs.length]!.id));
      const cancelledSoFar = new Set<string>();
      const keep = new Set<number>();
      for (const x of canonical) {
        const o = x.o;
        if (o.kind === 'cancel') {
          const id = defs[o.to % defs.length]!.id;
          if (cancelledSoFar.has(id)) continue;
          cancelledSoFar.add(id);
        } else if (o.to !== null && everCancelled.has(defs[o.to % defs.length]!.id)) continue;
        keep.add(x.seq);
      }
      const kept = withSeq.filter((x) => keep.has(x.seq));
      const engineOps = kept.map(({ o, k, seq, day }) => {
        const loanId = o.to === null ? null : defs[o.to % defs.length]!.id;
        if (o.kind === 'pay') return payment(seq, `P${k}`, o.cents / 100, day, loanId ? [{ loan_id: loanId, amount: o.cents / 100 }] : null);
        if (o.kind === 'transfer') return transfer(seq, 'B1', loanId!, `OWN_${k}`, day);
        return cancel(seq, loanId!, day);
      });
      const mops: MOp[] = kept.flatMap(({ o, day }): MOp[] => {
        const loanId = o.to === null ? null : defs[o.to % defs.length]!.id;
        if (o.kind === 'pay') return [{ kind: 'pay' as const, day, amount: o.cents / 100, alloc: loanId ? { loanId, amount: o.cents / 100 } : null }];
        if (o.kind === 'cancel') return [{ kind: 'cancel' as const, day, loanId: loanId! }];
        return [];
      });
      // arrival: creates first, then a permutation of the rest
      const rest = [...engineOps];
      const arrival = [];
      for (let i = 0; rest.length > 0; i++) arrival.push(rest.splice((perm[i % perm.length] ?? 0) % rest.length, 1)[0]!);
      let state = emptyState('B1');
      for (const op of [...creates, ...arrival]) {
        const r = apply(state, op, TZ);
        assert.equal(r.result.ok, true, `${op.type} seq ${op.seq}: ${JSON.stringify(r.result.body)}`);
        state = r.state;
      }
      for (const c of a.checks) {
        const C = addDays(O, c);
        const m = multiModelAt(defs, mops, C);
        const s = statusAt(state, C, TZ);
        for (const d of defs) {
          for (const b of BUCKETS) {
            const e = bucket(s, d.id, b);
            const x = m.bucket(d.id, b, C);
            const pick = (v: any) => (m.isCancelled(d.id) ? { overdue: v.overdue, current: v.current, unpaid: v.unpaid, total: v.total } : { initial: v.initial, paid: v.paid, overdue: v.overdue, current: v.current, unpaid: v.unpaid, total: v.total });
            assert.deepEqual(pick(e), pick(x), `${d.id} ${b} on ${C}`);
          }
        }
        assert.equal(positiveBalance(s), m.pb.toFixed(2), `positive balance on ${C}`);
      }
    }
  }
}

test('engine = reference model when operations are back-dated and arrive in any order', () => {
  fc.assert(fc.property(arb, fc.array(fc.nat(), { minLength: 10, maxLength: 10 }), shuffledAgainstModel), { numRuns: 80, includeErrorInReport: true });
});

// long histories cross the engine's snapshots (every 16 records): back-dated operations
// replay from an earlier snapshot
const arbLong = fc.record({
  loans: fc.array(loanArb, { minLength: 2, maxLength: 3 }),
  ops: fc.array(
    fc.oneof(
      { weight: 8, arbitrary: fc.record({ kind: fc.constant('pay' as const), d: fc.integer({ min: 0, max: 150 }), cents: fc.integer({ min: 0, max: 5_000_000 }), to: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }) }) },
      // only loan 0 may be cancelled, so the others keep taking allocations and transfers
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), d: fc.integer({ min: 0, max: 150 }), to: fc.constant(0) }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('transfer' as const), d: fc.integer({ min: 0, max: 150 }), to: fc.integer({ min: 0, max: 2 }) }) },
    ),
    { minLength: 20, maxLength: 45 },
  ),
  checks: fc.array(fc.integer({ min: 0, max: 180 }), { minLength: 2, maxLength: 4 }),
});

test('long histories across snapshots, back-dated, any arrival order = reference model', () => {
  fc.assert(fc.property(arbLong, fc.array(fc.nat(), { minLength: 45, maxLength: 45 }), shuffledAgainstModel), { numRuns: 15, includeErrorInReport: true });
});

/**
 * Properties of the interest conventions (docs/ledger.md, "Interest conventions"), on random
 * loans and days: year fractions add up, a nominal schedule pays back exactly P, flat interest is
 * Σ rounded(P·r_i) computed here in exact integer arithmetic (BigInt ratios, no decimal library),
 * the two roundings differ by at most a cent, and a config spelling out the defaults is the
 * config that leaves them out.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { LoanConfig } from '../src/api.js';
import { DAY_COUNTS, roundMoney, yearFraction, type DayCount } from '../src/index.js';
import { dayToNum } from '../src/calendar.js';
import { civil, dailyYearFractionGroups, dailyYearFractionSum } from '../src/day-count.js';
import { Dec } from '../src/decimal.js';
import { Book, addDays, payment } from './fixtures/ops.js';
import { installmentsOf, m } from './fixtures/read.js';

const dayArb = fc.integer({ min: 0, max: 3000 }).map((k) => addDays('2022-01-01', k));
const ratio = (f: { num: number; den: number }) => ({ n: BigInt(f.num), d: BigInt(f.den) });
const same = (a: { n: bigint; d: bigint }, b: { n: bigint; d: bigint }) => a.n * b.d === b.n * a.d;
const plus = (a: { n: bigint; d: bigint }, b: { n: bigint; d: bigint }) => ({ n: a.n * b.d + b.n * a.d, d: a.d * b.d });

test('actual day counts: yf(a, b) + yf(b, c) = yf(a, c); a calendar year is 1 under actual/actual', () => {
  fc.assert(
    fc.property(fc.constantFrom<DayCount>('actual/actual', 'actual/365', 'actual/360', 'actual/364'), fc.array(dayArb, { minLength: 3, maxLength: 3 }), (dc, days) => {
      const [a, b, c] = days.map(dayToNum).sort((x, y) => x - y) as [number, number, number];
      assert.ok(same(plus(ratio(yearFraction(dc, a, b)), ratio(yearFraction(dc, b, c))), ratio(yearFraction(dc, a, c))));
    }),
    { numRuns: 300 },
  );
  fc.assert(fc.property(fc.integer({ min: 1900, max: 2400 }), (year) => {
    // The days of a calendar year (January 1 .. December 31) each count 1/(its length): exactly 1.
    const f = yearFraction('actual/actual', dayToNum(`${year - 1}-12-31`), dayToNum(`${year}-12-31`));
    assert.deepEqual(f, { num: 1, den: 1 });
  }));
});

test('a run of days accrues the sum of its days: Σ yf(t-1, t) for every day count', () => {
  fc.assert(
    fc.property(fc.constantFrom(...DAY_COUNTS), dayArb, fc.integer({ min: 0, max: 120 }), (dc, from, k) => {
      const first = dayToNum(from);
      let sum = { n: 0n, d: 1n };
      for (let t = first; t < first + k; t++) sum = plus(sum, ratio(yearFraction(dc, t - 1, t)));
      assert.ok(same(sum, ratio(dailyYearFractionSum(dc, first, first + k - 1))), `${dc} ${from} +${k}`);
    }),
    { numRuns: 300 },
  );
});

test('the days of a run grouped by their one-day year fraction add up to the run; civil dates invert day numbers', () => {
  fc.assert(
    fc.property(fc.constantFrom(...DAY_COUNTS), dayArb, fc.integer({ min: 0, max: 800 }), (dc, from, k) => {
      const first = dayToNum(from);
      const groups = dailyYearFractionGroups(dc, first, first + k - 1);
      assert.equal(groups.reduce((s, g) => s + g.days, 0) <= k, true);
      const sum = groups.reduce((acc, g) => plus(acc, { n: BigInt(g.yf.num) * BigInt(g.days), d: BigInt(g.yf.den) }), { n: 0n, d: 1n });
      assert.ok(same(sum, ratio(dailyYearFractionSum(dc, first, first + k - 1))), `${dc} ${from} +${k}`);
      // Every day counted once, except 30/360's zero days (the 31st).
      if (dc !== '30/360') assert.equal(groups.reduce((s, g) => s + g.days, 0), k);
    }),
    { numRuns: 300 },
  );
  fc.assert(fc.property(fc.integer({ min: -200_000, max: 200_000 }), (n) => {
    const { y, m, d } = civil(n);
    assert.equal(dayToNum(`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`), n);
  }));
});

const loanArb = fc.record({
  cents: fc.integer({ min: 100, max: 100_000_000 }),
  bps: fc.integer({ min: 1, max: 9000 }),
  start: dayArb,
  gaps: fc.array(fc.integer({ min: 1, max: 62 }), { minLength: 1, maxLength: 10 }),
  dayCount: fc.constantFrom(...DAY_COUNTS),
  rounding: fc.constantFrom<'half_up' | 'half_even'>('half_up', 'half_even'),
});
type LoanArb = typeof loanArb extends fc.Arbitrary<infer T> ? T : never;

function dues(l: LoanArb): string[] {
  const out: string[] = [];
  let d = l.start;
  for (const g of l.gaps) out.push((d = addDays(d, g)));
  return out;
}

function scheduled(l: LoanArb, cfg: Partial<LoanConfig>) {
  const b = new Book();
  b.loan('L', { amount: l.cents / 100, rate: l.bps / 10000, drate: 0, origination: l.start, dues: dues(l) }, cfg);
  return installmentsOf(b.status(l.start), 'L').map((i) => ({ interest: m(i.buckets.interest.initial_balance), principal: m(i.buckets.principal.initial_balance) }));
}

const cents = (s: string) => BigInt(Math.round(Number(s) * 100));

test('a nominal declining-balance schedule pays back exactly the principal', () => {
  fc.assert(
    fc.property(loanArb, (l) => {
      const rows = scheduled(l, { rate_type: 'nominal_annual', day_count: l.dayCount, rounding: l.rounding });
      assert.equal(rows.reduce((s, r) => s + cents(r.principal), 0n), BigInt(l.cents));
      for (const r of rows) assert.ok(cents(r.principal) >= 0n && cents(r.interest) >= 0n);
    }),
    { numRuns: 60 },
  );
});

/** rounded(num/den) to cents of a positive ratio of cents, exactly, half up or half even. */
function roundRatio(num: bigint, den: bigint, rounding: 'half_up' | 'half_even'): bigint {
  const q = num / den;
  const twice = 2n * (num - q * den);
  if (twice > den || (twice === den && (rounding === 'half_up' || q % 2n === 1n))) return q + 1n;
  return q;
}

test('flat interest = Σ rounded(P · r_i), r_i = rate · yf exactly (integer arithmetic)', () => {
  fc.assert(
    fc.property(loanArb, (l) => {
      const rows = scheduled(l, { rate_type: 'nominal_annual', interest_method: 'flat', day_count: l.dayCount, rounding: l.rounding });
      let previous = dayToNum(l.start);
      dues(l).forEach((due, i) => {
        const f = yearFraction(l.dayCount, previous, dayToNum(due));
        previous = dayToNum(due);
        // P (cents) · bps/10000 · num/den, in cents.
        const want = roundRatio(BigInt(l.cents) * BigInt(l.bps) * BigInt(f.num), 10000n * BigInt(f.den), l.rounding);
        assert.equal(cents(rows[i]!.interest), want, `interest ${i + 1}`);
      });
      const n = BigInt(l.gaps.length);
      const share = roundRatio(BigInt(l.cents), n, l.rounding);
      rows.slice(0, -1).forEach((r) => assert.ok(cents(r.principal) <= share));
      assert.equal(rows.reduce((s, r) => s + cents(r.principal), 0n), BigInt(l.cents));
    }),
    { numRuns: 60 },
  );
});

test('half_even and half_up differ by at most one cent, and only on a half cent', () => {
  fc.assert(
    fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.integer({ min: 3, max: 12 }), (units, places) => {
      const x = new Dec(units.toString()).div(new Dec(10).pow(places));
      const up = roundMoney(x, 'half_up');
      const even = roundMoney(x, 'half_even');
      const diff = up.minus(even).abs();
      assert.ok(diff.lte('0.01'));
      if (!diff.isZero()) assert.ok(x.times(1000).mod(10).eq(5) && x.times(1000).isInteger(), x.toString());
    }),
    { numRuns: 500 },
  );
  fc.assert(
    fc.property(loanArb, (l) => {
      const up = scheduled(l, { rate_type: 'nominal_annual', interest_method: 'flat', day_count: l.dayCount });
      const even = scheduled(l, { rate_type: 'nominal_annual', interest_method: 'flat', day_count: l.dayCount, rounding: 'half_even' });
      up.forEach((r, i) => assert.ok(cents(r.interest) - cents(even[i]!.interest) <= 1n && cents(even[i]!.interest) - cents(r.interest) <= 1n));
    }),
    { numRuns: 40 },
  );
});

test('a config spelling out the defaults is the engine without them: schedule, accruals, payments', () => {
  const defaults: Partial<LoanConfig> = { rate_type: 'effective_annual', day_count: 'actual/365', interest_method: 'declining_balance', rounding: 'half_up' };
  fc.assert(
    fc.property(loanArb, fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 5_000_000 }), (l, payDay, payCents) => {
      const run = (cfg: Partial<LoanConfig>) => {
        const b = new Book();
        b.loan('L', { amount: l.cents / 100, rate: l.bps / 10000, drate: 0.3, origination: l.start, dues: dues(l), fee: 12.34, daily: 1.5 }, cfg);
        b.ok(payment(b.next(), 'P', payCents / 100, addDays(l.start, payDay)));
        return JSON.stringify(b.status(addDays(l.start, payDay + 200)));
      };
      assert.equal(run(defaults), run({}));
    }),
    { numRuns: 30 },
  );
});

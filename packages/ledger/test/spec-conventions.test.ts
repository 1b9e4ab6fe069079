/**
 * docs/ledger.md "Interest conventions": rate type, day count, interest method, rounding.
 * Figures: test/fixtures/derive.py, sections "conventions: ..." (Python Fractions for the year
 * fractions, read from the definitions day by day; `decimal` for money; never the engine).
 *
 * The loan C: 10000 at 24 % from 2023-11-15, due the 15th of Dec 2023..Mar 2024: periods of 30,
 * 31, 31 and 29 days, over a year end and the leap day 2024-02-29.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LoanConfig } from '../src/api.js';
import { LIST_NAMES, persistDelta, restoreState, statusAt, yearFraction } from '../src/index.js';
import { dayToNum } from '../src/calendar.js';
import { Book, TZ, consolidation, createLoan, payment, type LoanSpec } from './fixtures/ops.js';
import { LifecycleBook } from './fixtures/lifecycle-ops.js';
import { fixedInstallment, installmentsOf, m } from './fixtures/read.js';

const C: LoanSpec = { amount: 10000, rate: 0.24, origination: '2023-11-15', dues: ['2023-12-15', '2024-01-15', '2024-02-15', '2024-03-15'], owner: 'BANK_1' };
const CHECK: LoanSpec = { amount: 100, rate: 0.07, origination: '2024-01-01', dues: ['2024-02-01', '2024-03-01', '2024-04-01', '2024-05-01', '2024-06-01', '2024-07-01'], owner: 'BANK_1' };
const NOMINAL_30_360_EVEN: Partial<LoanConfig> = { rate_type: 'nominal_annual', day_count: '30/360', rounding: 'half_even' };

/** The scheduled interest and principal of each installment, as the status on origination shows them. */
function scheduleOf(b: Book, loanId: string, day: string): { a: string; interest: string[]; principal: string[] } {
  const s = b.status(day);
  const inst = installmentsOf(s, loanId);
  return {
    a: fixedInstallment(s, loanId),
    interest: inst.map((i) => m(i.buckets.interest.initial_balance)),
    principal: inst.map((i) => m(i.buckets.principal.initial_balance)),
  };
}

function scheduleFor(spec: LoanSpec, cfg: Partial<LoanConfig>): { a: string; interest: string[]; principal: string[] } {
  const b = new Book();
  b.loan('L', spec, cfg);
  return scheduleOf(b, 'L', spec.origination);
}

const y = (a: string, b: string, dc: Parameters<typeof yearFraction>[0]) => {
  const f = yearFraction(dc, dayToNum(a), dayToNum(b));
  return `${f.num}/${f.den}`;
};

test('year fractions are exact ratios: actual/actual splits at the year end, 30/360 adjusts the 31st', () => {
  // derive.py "conventions: year fractions"
  assert.equal(y('2023-12-12', '2024-01-12', 'actual/actual'), '1889/22265'); // 19/365 + 12/366
  assert.equal(y('2024-01-31', '2024-03-31', '30/360'), '1/6');
  assert.equal(y('2024-01-30', '2024-03-31', '30/360'), '1/6');
  assert.equal(y('2024-01-15', '2024-03-31', '30/360'), '19/90');
  assert.equal(y('2024-02-29', '2024-03-31', '30/360'), '4/45');
  assert.equal(y('2023-12-31', '2024-02-28', '30/360'), '29/180');
  assert.equal(y('2024-02-15', '2024-03-15', 'actual/360'), '29/360');
  assert.equal(y('2024-02-15', '2024-03-15', 'actual/364'), '29/364');
  assert.equal(y('2024-02-15', '2024-03-15', 'actual/365'), '29/365');
  assert.equal(y('2024-02-15', '2024-02-15', 'actual/actual'), '0/1');
});

test('public vectors: the ISDA paper "EMU and market conventions: recent developments" (1998), 2003-11-01 to 2004-05-01', () => {
  // Actual/365 (Fixed): 182/365 = 0.498630136986 there and here.
  assert.equal(y('2003-11-01', '2004-05-01', 'actual/365'), '182/365');
  // Actual/Actual (ISDA) is 61/365 + 121/366 = 0.497724380567: it counts the days a <= t < b.
  // docs/ledger.md counts a < t <= b (the day that ends each day of interest), so at a year end
  // it is one day off ISDA's: 60/365 + 122/366, i.e. 0.497724380567 - 1/365 + 1/366.
  const isda = 61 / 365 + 121 / 366;
  assert.equal(isda.toFixed(12), '0.497724380567');
  const f = yearFraction('actual/actual', dayToNum('2003-11-01'), dayToNum('2004-05-01'));
  assert.equal(`${f.num}/${f.den}`, '109/219'); // 60/365 + 122/366 in lowest terms (derive.py agrees)
  // Within one year both readings agree: 2004-01-01 to 2004-05-01 is 121/366 either way.
  assert.equal(y('2004-01-01', '2004-05-01', 'actual/actual'), '121/366');
});

test('worked check: 100 at 7 % nominal, 30/360, half_even -> A 17.01, interest 0.58 .. 0.10', () => {
  const s = scheduleFor(CHECK, NOMINAL_30_360_EVEN);
  assert.equal(s.a, '17.01');
  assert.deepEqual(s.interest, ['0.58', '0.49', '0.39', '0.29', '0.20', '0.10']);
  assert.deepEqual(s.principal, ['16.43', '16.52', '16.62', '16.72', '16.81', '16.90']);
});

test('a nominal rate under each day count, over a year end and a leap day', () => {
  // derive.py "conventions: 10000 at 24 % from 2023-11-15"
  const expected: Record<string, { a: string; interest: string[]; principal: string[] }> = {
    'actual/actual': { a: '2626.01', interest: ['197.26', '154.13', '103.66', '49.01'], principal: ['2428.75', '2471.88', '2522.35', '2577.02'] },
    'actual/365': { a: '2626.17', interest: ['197.26', '154.33', '103.94', '49.14'], principal: ['2428.91', '2471.84', '2522.23', '2577.02'] },
    'actual/360': { a: '2627.94', interest: ['200.00', '156.49', '105.41', '49.84'], principal: ['2427.94', '2471.45', '2522.53', '2578.08'] },
    'actual/364': { a: '2626.52', interest: ['197.80', '154.75', '104.23', '49.28'], principal: ['2428.72', '2471.77', '2522.29', '2577.22'] },
    '30/360': { a: '2626.24', interest: ['200.00', '151.48', '101.98', '51.49'], principal: ['2426.24', '2474.76', '2524.26', '2574.74'] },
  };
  for (const [dc, want] of Object.entries(expected)) {
    assert.deepEqual(scheduleFor(C, { rate_type: 'nominal_annual', day_count: dc as LoanConfig['day_count'] }), want, dc);
  }
});

test('an effective rate under other day counts: (1+EA)^yf - 1', () => {
  const expected: Record<string, { a: string; interest: string[]; principal: string[] }> = {
    'actual/actual': { a: '2613.86', interest: ['178.38', '139.29', '93.59', '44.17'], principal: ['2435.48', '2474.57', '2520.27', '2569.68'] },
    'actual/360': { a: '2615.61', interest: ['180.88', '141.44', '95.18', '44.93'], principal: ['2434.73', '2474.17', '2520.43', '2570.67'] },
    '30/360': { a: '2614.06', interest: ['180.88', '136.87', '92.06', '46.44'], principal: ['2433.18', '2477.19', '2522.00', '2567.63'] },
  };
  for (const [dc, want] of Object.entries(expected)) {
    assert.deepEqual(scheduleFor(C, { day_count: dc as LoanConfig['day_count'] }), want, dc);
  }
});

test('flat interest on the original principal, the installment varying with the period', () => {
  const nominal = scheduleFor(C, { rate_type: 'nominal_annual', interest_method: 'flat' });
  assert.deepEqual(nominal, { a: '2697.26', interest: ['197.26', '203.84', '203.84', '190.68'], principal: ['2500.00', '2500.00', '2500.00', '2500.00'] });
  const effective = scheduleFor(C, { interest_method: 'flat' });
  assert.deepEqual(effective, { a: '2678.38', interest: ['178.38', '184.38', '184.38', '172.38'], principal: ['2500.00', '2500.00', '2500.00', '2500.00'] });
  // Against declining balance under the same rate: the flat loan costs more interest.
  const declining = scheduleFor(C, { rate_type: 'nominal_annual' });
  const sum = (xs: string[]) => xs.reduce((a, x) => a + Math.round(Number(x) * 100), 0);
  assert.ok(sum(nominal.interest) > sum(declining.interest));
  // The status shows each installment's own amount.
  const b = new Book();
  b.loan('L', C, { rate_type: 'nominal_annual', interest_method: 'flat' });
  assert.deepEqual(installmentsOf(b.status(C.origination), 'L').map((i) => m(i.scheduled_amount)), ['2697.26', '2703.84', '2703.84', '2690.68']);
});

test('half_up vs half_even: a half cent of flat interest and of a fee share', () => {
  // derive.py "conventions: half_up vs half_even": 50 at 3.65 % nominal, P*r = 0.145 in the 29-day period
  const spec: LoanSpec = { ...C, amount: 50, rate: 0.0365, fee: 0.1 };
  const up = scheduleFor(spec, { rate_type: 'nominal_annual', interest_method: 'flat' });
  const even = scheduleFor(spec, { rate_type: 'nominal_annual', interest_method: 'flat', rounding: 'half_even' });
  assert.deepEqual(up.interest, ['0.15', '0.16', '0.16', '0.15']);
  assert.deepEqual(even.interest, ['0.15', '0.16', '0.16', '0.14']);
  const fees = (cfg: Partial<LoanConfig>) => {
    const b = new Book();
    b.loan('L', spec, cfg);
    return installmentsOf(b.status(spec.origination), 'L').map((i) => m(i.buckets.installment_fee.initial_balance));
  };
  assert.deepEqual(fees({}), ['0.03', '0.03', '0.03', '0.01']);
  assert.deepEqual(fees({ rounding: 'half_even' }), ['0.02', '0.02', '0.02', '0.04']);
  // Declining balance: no half cent in this loan, so both roundings agree (derive.py).
  assert.deepEqual(scheduleFor(spec, { rate_type: 'nominal_annual' }), scheduleFor(spec, { rate_type: 'nominal_annual', rounding: 'half_even' }));
});

test('delinquency interest under a nominal rate: p * R * yf(t-1, t) each day, simple', () => {
  // derive.py "conventions: delinquency interest": nothing paid, accrued through 2024-03-01 (status on 03-02)
  const expected: Record<string, string[]> = {
    'actual/actual': ['122.70', '74.56', '24.81', '0.00'],
    'actual/365': ['122.98', '74.76', '24.88', '0.00'],
    'actual/360': ['124.63', '75.79', '25.23', '0.00'],
    'actual/364': ['123.30', '74.97', '24.95', '0.00'],
    '30/360': ['122.93', '75.89', '26.93', '0.00'],
  };
  for (const [dc, want] of Object.entries(expected)) {
    const b = new Book();
    b.loan('L', C, { rate_type: 'nominal_annual', day_count: dc as LoanConfig['day_count'] });
    // One read far ahead and one on the day: spans of any length give the same accrual.
    b.status('2024-02-20');
    const got = installmentsOf(b.status('2024-03-02'), 'L').map((i) => m(i.buckets.delinquency_interest.outstanding));
    assert.deepEqual(got, want, dc);
  }
});

test('delinquency interest under an effective rate and actual/actual: (1+R)^(1/length of the year) - 1 each day', () => {
  const b = new Book();
  b.loan('L', C, { day_count: 'actual/actual' });
  const got = installmentsOf(b.status('2024-03-02'), 'L').map((i) => m(i.buckets.delinquency_interest.outstanding));
  assert.deepEqual(got, ['110.31', '66.92', '22.23', '0.00']);
});

test('usury is read in the rate type: a nominal rate above a nominal usury rate is capped to it', () => {
  const b = new Book();
  b.loan('L', { ...CHECK, rate: 0.09 }, { ...NOMINAL_30_360_EVEN, usury_rate: 0.07 });
  assert.deepEqual(scheduleOf(b, 'L', CHECK.origination).interest, ['0.58', '0.49', '0.39', '0.29', '0.20', '0.10']);
  new Book().refuse(createLoan(1, 'L', { ...CHECK, rate: 0.09 }, { ...NOMINAL_30_360_EVEN, usury_rate: 0.07, usury_behavior: 'reject' }), 'usury_rate_exceeded');
  assert.ok(new Book().run(createLoan(1, 'L', { ...CHECK, rate: 0.07 }, { ...NOMINAL_30_360_EVEN, usury_rate: 0.07, usury_behavior: 'reject' })).ok);
});

test('restructuring and consolidation schedule under the loan config conventions', () => {
  // derive.py "conventions: restructuring / consolidation": 100.58 -> A 17.11
  const want = { a: '17.11', interest: ['0.59', '0.49', '0.39', '0.30', '0.20', '0.10'], principal: ['16.52', '16.62', '16.72', '16.81', '16.91', '17.00'] };
  const r = new LifecycleBook();
  r.loan('L', CHECK, NOMINAL_30_360_EVEN);
  const body = r.restructure('L', 'RS', { day: '2024-01-01', dues: CHECK.dues, rate: 0.07 });
  assert.equal(m(body.new_principal), '100.58');
  const after = installmentsOf(r.status('2024-01-01'), 'L').filter((i) => !i.restructured);
  assert.deepEqual({ a: m(body.fixed_installment_amount), interest: after.map((i) => m(i.buckets.interest.initial_balance)), principal: after.map((i) => m(i.buckets.principal.initial_balance)) }, want);

  const c = new Book();
  c.loan('L', CHECK, NOMINAL_30_360_EVEN);
  c.ok(consolidation(c.next(), 'C1', { day: '2024-01-01', dues: CHECK.dues, rate: 0.07, originalLoans: ['L'] }, {}, NOMINAL_30_360_EVEN));
  assert.deepEqual(scheduleOf(c, 'C1', '2024-01-01'), want);
});

test('accrued delinquency interest is read by the loan rounding, also after the state is stored and restored', () => {
  // derive.py "conventions: accrued delinquency interest": 0.005 a day from 01-16
  const spec: LoanSpec = { amount: 50, rate: 0, drate: 0.0365, origination: '2024-01-01', dues: ['2024-01-15'], owner: 'BANK_1' };
  const owed = (b: Book, day: string) => m(installmentsOf(b.status(day), 'L')[0].buckets.delinquency_interest.outstanding);
  const up = new Book();
  up.loan('L', spec, { rate_type: 'nominal_annual' });
  const even = new Book();
  even.loan('L', spec, { rate_type: 'nominal_annual', rounding: 'half_even' });
  assert.deepEqual(['2024-01-17', '2024-01-19', '2024-01-21'].map((d) => owed(up, d)), ['0.01', '0.02', '0.03']);
  assert.deepEqual(['2024-01-17', '2024-01-19', '2024-01-21'].map((d) => owed(even, d)), ['0.00', '0.02', '0.02']);
  // Through the stored form (what the database keeps), before and after a payment on 01-21 that
  // meets 0.02 (half even), the rest going to principal.
  const throughStore = (state: unknown) => {
    const stored = JSON.parse(JSON.stringify(persistDelta(undefined, state as never)));
    return restoreState(stored.head, Object.fromEntries(LIST_NAMES.map((name) => [name, stored.lists[name].append])));
  };
  const before = throughStore(even.state);
  assert.equal(m(installmentsOf(statusAt(before, '2024-01-17', TZ), 'L')[0].buckets.delinquency_interest.outstanding), '0.00');
  even.ok(payment(even.next(), 'P', 10, '2024-01-21'));
  const restored = throughStore(even.state);
  const inst = (s: any) => installmentsOf(s, 'L')[0].buckets;
  for (const s of [even.status('2024-01-22'), statusAt(restored, '2024-01-22', TZ)]) {
    assert.equal(m(inst(s).delinquency_interest.paid), '0.02');
    assert.equal(m(inst(s).principal.paid), '9.98');
  }
  assert.equal(JSON.stringify(statusAt(restored, '2024-03-01', TZ)), JSON.stringify(even.status('2024-03-01')));
});

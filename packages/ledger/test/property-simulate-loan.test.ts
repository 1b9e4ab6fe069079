/**
 * Simulate loans (docs/reads.md): the plan is the schedule a created loan gets. For random loans
 * (rates, fees, daily fee with and without a cap, usury cap) the quote equals the created loan's
 * installments read through `statusAt`, the independent reference schedule, and the daily fee
 * the ledger accrues on the loan when nobody pays.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { apply, emptyState, simulateLoan, statusAt, type LoanConfig } from '../src/index.js';
import { LOAN_CONFIG, TZ, EXAMPLE_DUE, createLoan, resetSeq } from './engine-helpers.js';
import { addDays } from './fixtures/ops.js';
import { referenceSchedule } from './fixtures/reference.js';

const loanArb = fc.record({
  cents: fc.integer({ min: 100, max: 1_000_000_000 }),
  rate: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 15000 }).map((x) => x / 10000)),
  usury: fc.option(fc.integer({ min: 1, max: 15000 }).map((x) => x / 10000), { nil: null }),
  startOffset: fc.integer({ min: 0, max: 700 }),
  gaps: fc.array(fc.integer({ min: 1, max: 62 }), { minLength: 1, maxLength: 24 }),
  fee: fc.option(fc.integer({ min: 100, max: 10_000_000 }).map((c) => c / 100), { nil: null }),
  fee2: fc.option(fc.integer({ min: 100, max: 1_000_000 }).map((c) => c / 100), { nil: null }),
  daily: fc.option(fc.integer({ min: 1, max: 500_000 }).map((c) => c / 100), { nil: null }),
  dailyMax: fc.option(fc.integer({ min: 0, max: 100_000_000 }).map((c) => c / 100), { nil: null }),
});

const at = (day: string) => `${day}T00:00:00-05:00`;

test('quote = the created loan\'s schedule = the reference, for random loans', () => {
  fc.assert(
    fc.property(loanArb, (l) => {
      resetSeq();
      const O = addDays('2023-01-01', l.startOffset);
      const dues: string[] = [];
      let d = O;
      for (const g of l.gaps) dues.push((d = addDays(d, g)));
      const config: LoanConfig = { ...LOAN_CONFIG, id: 'Q', usury_rate: l.usury, daily_fee_max_charge: l.dailyMax };
      const op = createLoan('L', {
        amount_financed: l.cents / 100, interest_rate: l.rate, delinquency_interest_rate: 0, origination_date: at(O), due_dates: dues.map(at),
        installment_fee_charge: l.fee, installment_fee_2_charge: l.fee2, daily_fee_charge: l.daily,
      }, config);
      const quoted = simulateLoan(op, TZ);
      assert.ok(quoted.ok);
      const { amortization_plan: plan, summary, attributes } = quoted.quote;

      const created = apply(emptyState('B'), op, TZ).state;
      const s0 = statusAt(created, O, TZ).loans[0]!;
      assert.equal(summary.fixed_installment_amount, s0.attributes.fixed_installment_amount);
      assert.equal(summary.installment_amount_at_origination, s0.attributes.installment_amount_at_origination);
      assert.deepEqual(attributes.due_dates, s0.attributes.due_dates);
      assert.equal(plan.length, s0.installments.length);
      s0.installments.forEach((inst, k) => {
        assert.equal(plan[k]!.principal_payment, inst.buckets.principal.initial_balance, `principal ${k + 1}`);
        assert.equal(plan[k]!.interest_payment, inst.buckets.interest.initial_balance, `interest ${k + 1}`);
        assert.equal(plan[k]!.installment_fee_payment, inst.buckets.installment_fee.initial_balance, `fee ${k + 1}`);
        assert.equal(plan[k]!.installment_fee_2_payment, inst.buckets.installment_fee_2.initial_balance, `fee2 ${k + 1}`);
        assert.equal(plan[k]!.end_date, dues[k]);
        assert.equal(plan[k]!.start_date, k === 0 ? O : dues[k - 1]);
      });

      // Independent of the engine: the reference schedule at the applicable (capped) rate.
      const rate = l.usury !== null && l.rate > l.usury ? l.usury : l.rate;
      assert.equal(attributes.interest_rate, rate);
      const ref = referenceSchedule(l.cents / 100, rate, O, dues, l.fee, l.fee2);
      assert.equal(summary.fixed_installment_amount.toFixed(2), ref.A);
      ref.installments.forEach((inst, k) => {
        assert.equal(plan[k]!.principal_payment.toFixed(2), inst.principal);
        assert.equal(plan[k]!.interest_payment.toFixed(2), inst.interest);
      });

      // The daily fee: what the ledger accrues when nobody pays, read the day after the last due
      // day (accruals through the last due day), per installment; and fee × days, capped.
      const last = statusAt(created, addDays(dues[dues.length - 1]!, 1), TZ).loans[0]!;
      let room = l.dailyMax === null ? Infinity : Math.round(l.dailyMax * 100);
      let previous = O;
      last.installments.forEach((inst, k) => {
        assert.equal(plan[k]!.daily_fee_payment, inst.buckets.daily_fee.initial_balance, `daily fee ${k + 1}`);
        const days = Math.round((Date.parse(dues[k]!) - Date.parse(previous)) / 86_400_000);
        previous = dues[k]!;
        const cents = l.daily === null ? 0 : Math.min(Math.round(l.daily * 100) * days, room);
        room -= cents;
        assert.equal(Math.round(plan[k]!.daily_fee_payment * 100), cents, `daily fee ${k + 1} = fee × days, capped`);
      });
      const cents = (x: number) => Math.round(x * 100);
      const sum = (f: (r: (typeof plan)[number]) => number) => plan.reduce((t, r) => t + cents(f(r)), 0);
      assert.equal(cents(summary.total), sum((r) => r.total_payment));
      assert.equal(cents(summary.total_interest), sum((r) => r.interest_payment));
      assert.equal(cents(summary.total_daily_fee), sum((r) => r.daily_fee_payment));
      assert.equal(cents(summary.total_principal), l.cents);
    }),
    { numRuns: 60, includeErrorInReport: true },
  );
});

test('the worked example: totals, and a daily fee of 100 capped at 10 000', () => {
  resetSeq();
  // Periods of 31, 29, 31, 30, 31, 30 days at 100 a day: 3 100, 2 900, 3 100, then the cap of
  // 10 000 leaves 900 for the fourth and nothing after.
  const op = createLoan('L', { daily_fee_charge: 100 }, { ...LOAN_CONFIG, daily_fee_max_charge: 10000 });
  const q = simulateLoan(op, TZ);
  assert.ok(q.ok);
  assert.deepEqual(q.quote.amortization_plan.map((r) => r.daily_fee_payment), [3100, 2900, 3100, 900, 0, 0]);
  assert.equal(q.quote.summary.fixed_installment_amount, 219630.19);
  assert.equal(q.quote.summary.installment_amount_at_origination, 229630.19);
  assert.equal(q.quote.summary.total_interest, 117781.12);
  assert.equal(q.quote.summary.total_installment_fee, 60000);
  assert.equal(q.quote.summary.total, 1200000 + 117781.12 + 60000 + 10000);
  assert.deepEqual(q.quote.amortization_plan[0], {
    number: 1, start_date: '2024-01-15', end_date: '2024-02-15', principal_payment: 185987.3, interest_payment: 33642.89,
    installment_fee_payment: 10000, installment_fee_2_payment: 0, daily_fee_payment: 3100, total_payment: 232730.19,
  });
  assert.equal(q.quote.attributes.due_dates[0], EXAMPLE_DUE[0]!.replace('T00:00:00-05:00', 'T23:59:59.999999-05:00'));
});

test('refusals are the create-loan refusals: usury reject, due dates not after origination', () => {
  resetSeq();
  const reject = simulateLoan(createLoan('L', { interest_rate: 0.5 }, { ...LOAN_CONFIG, usury_rate: 0.4, usury_behavior: 'reject' }), TZ);
  assert.equal(reject.ok, false);
  assert.equal(!reject.ok && reject.statusCode, 400);
  const dates = simulateLoan(createLoan('L', { due_dates: ['2024-01-10T00:00:00-05:00'] }), TZ);
  assert.equal(!dates.ok && dates.statusCode, 400);
});

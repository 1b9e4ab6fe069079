import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { borrowerHistorySchema, borrowerStatusSchema, payoffQuoteSchema } from '@lsl/contracts';
import { createLoanBody, paymentBody, startSystem, type System } from './helpers.js';

/*
 * Following one loan by reads alone (docs/reads.md, docs/ledger.md), over HTTP against the real
 * processes. The loan is the worked example of docs/ledger.md: P = 1 200 000, EA 0.3848 (interest and
 * delinquency), originated 2024-01-15, due the 15th of Feb..Jul 2024, installment fee total
 * 60 000, DEFAULT configs (no late fee, no daily fee, no usury rate).
 *
 *   2024-02-25  P1 150 000      (installment 1 overdue since 02-16: a late, partial payment)
 *   2024-03-20  P2 300 000      (installment 2 overdue since 03-16)
 *   2024-03-25  W1 amount 5 000 on `installment_fee`
 *   2024-04-01  transfer BANK_1 → BANK_2
 *   2024-04-10  P3 = everything outstanding that day + 50 000 → paid off, positive balance 50 000
 *
 * `full_payment_amount` is the payoff quote of the day (docs/ledger.md "Payoff"): everything
 * overdue, all principal, and only the accrued part of the current installment's interest and fee.
 *
 * How the figures were derived: an independent model of docs/ledger.md in python3's decimal module
 * (50 digits, ROUND_HALF_UP), reproduced at the end of this file. Its conventions:
 * - schedule: r_i = 1.3848^(d_i/365) − 1, A = round(P / Σ_k Π_{i≤k} 1/(1+r_i)),
 *   interest_i = round(B_{i−1}·r_i), fee 60 000/6 = 10 000 each;
 * - delinquency interest: daily factor f = 1.3848^(1/365) − 1 = 0.000892331383787982...;
 *   installment i accrues f × (its unpaid principal at the end of day t) for every day
 *   t > D_i, accumulated in full precision and rounded when read or allocated;
 * - a read on day C (and an operation effective on C) sees the end-of-day work of days up to
 *   C − 1, so a payment on T meets what accrued through T − 1 (docs/ledger.md), and the status on C
 *   includes every operation effective on C;
 * - payments go installment by installment in due order, buckets late_fee, daily_fee,
 *   delinquency_interest, installment_fee_2, installment_fee, interest, principal.
 * For example on 2024-02-20 installment 1 has accrued 4 days (02-16..02-19) on 185 987.30:
 * 185 987.30 × 4 × f = 663.8521... → 663.85.
 */

const BORROWER = 'B-follow';
const MIG = '?is_migration=true';
const WAIT = { prefer: 'wait=10' };
const BUCKETS = ['principal', 'interest', 'installment_fee', 'installment_fee_2', 'delinquency_interest', 'daily_fee', 'late_fee'];
const FIGURES = ['initial_balance', 'paid', 'waived_off', 'charged_off', 'current', 'overdue', 'unpaid', 'total'];

/** Expected bucket figures; omitted ones are 0. */
type Figures = Partial<Record<(typeof FIGURES)[number], number>>;

function assertBucket(actual: Record<string, number>, expected: Figures, label: string): void {
  for (const f of FIGURES) assert.equal(actual[f], expected[f] ?? 0, `${label}.${f}`);
}

/** Outstanding per bucket of one installment (omitted buckets: 0). */
function assertInstallmentOutstanding(inst: any, expected: Record<string, number>, label: string): void {
  for (const b of BUCKETS) assert.equal(inst.buckets[b].outstanding, expected[b] ?? 0, `${label} ${b}`);
}

describe('reads: following a loan by get_status and get_history', () => {
  let system: System;
  const statusAt = async (day: string) => {
    const res = await system.api.get(`/v1/borrowers/${BORROWER}/get_status?calculation_date=${day}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    // Every status answers the shape the OpenAPI document (packages/contracts) promises.
    const shape = borrowerStatusSchema.safeParse(res.body);
    assert.ok(shape.success, JSON.stringify(shape.error?.issues));
    return res.body;
  };
  const pay = async (id: string, day: string, amount: number) => {
    const res = await system.api.post(`/v1/borrowers/${BORROWER}/payments/${id}/create${MIG}`, paymentBody(amount, day, `req-${id}`), WAIT);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body;
  };
  /** Status bodies read before later operations existed, to compare with re-reads afterwards. */
  const earlier = new Map<string, unknown>();

  before(async () => {
    system = await startSystem({ serverWorkerConcurrency: 2 });
    const res = await system.api.post(`/v1/borrowers/${BORROWER}/loans/L1/create${MIG}`, createLoanBody({ request_id: 'req-L1' }), WAIT);
    assert.equal(res.status, 200, JSON.stringify(res.body));
  });
  after(async () => {
    await system?.stop();
  });

  it('at origination: the worked example schedule, attributes and summary (2024-01-20)', async () => {
    const s = await statusAt('2024-01-20');
    earlier.set('2024-01-20', s);
    assert.equal(s.borrower_id, BORROWER);
    assert.equal(s.calculation_date, '2024-01-20');
    assert.equal(s.positive_balance, 0);
    assert.equal(s.loans.length, 1);
    const loan = s.loans[0];
    const a = loan.attributes;
    assert.equal(a.id, 'L1');
    assert.equal(a.kordev_id, 1);
    assert.equal(a.amount_financed, 1200000);
    assert.equal(a.config_id, 'DEFAULT');
    assert.equal(a.fixed_installment_amount, 219630.19);
    const rates = { interest_rate: 0.3848, delinquency_interest_rate: 0.3848 };
    assert.deepEqual(a.interest_rates, { fixed: rates, applicable: rates });
    assert.equal(a.is_cancelled, false);
    assert.equal(a.owner, 'BANK_1');
    assert.equal(a.origination_date, '2024-01-15T00:00:00-05:00');
    assert.equal(a.paid_off_date, null);
    assert.equal(a.chargeoff_date, null);
    // Installment 1 as scheduled: 185 987.30 + 33 642.89 + 10 000 (fee).
    assert.equal(a.installment_amount_at_origination, 229630.19);
    assert.equal(s.request_id, null, 'no request_id query parameter: null');
    assert.deepEqual(a.due_dates, [2, 3, 4, 5, 6, 7].map((m) => `2024-0${m}-15T23:59:59.999999-05:00`));

    // Schedule (python model): principal, interest per installment; fee 10 000 each.
    const schedule = [
      [185987.3, 33642.89],
      [193059.51, 26570.68],
      [196614.16, 23016.03],
      [202698.61, 16931.58],
      [207809.19, 11821.0],
      [213831.23, 5798.94],
    ];
    assert.equal(loan.installments.length, 6);
    loan.installments.forEach((inst: any, i: number) => {
      assert.equal(inst.number, i + 1);
      assert.equal(inst.due_date, a.due_dates[i]);
      assert.equal(inst.state, i === 0 ? 'current' : 'future');
      assert.equal(inst.is_paid, false);
      assertInstallmentOutstanding(inst, { principal: schedule[i]![0]!, interest: schedule[i]![1]!, installment_fee: 10000 }, `installment ${i + 1}`);
      // Every installment but the last is A + fee; the last is its principal + interest + fee.
      assert.equal(inst.scheduled_amount, i < 5 ? 229630.19 : 229630.17);
    });

    const detail = loan.balance_detail.at_calculation_date;
    assert.deepEqual(Object.keys(detail).sort(), [...BUCKETS].sort());
    // Total interest 117 781.12 (docs/ledger.md); installment 1 is current.
    assertBucket(detail.principal, { initial_balance: 1200000, current: 185987.3, unpaid: 185987.3, total: 1200000 }, 'principal');
    assertBucket(detail.interest, { initial_balance: 117781.12, current: 33642.89, unpaid: 33642.89, total: 117781.12 }, 'interest');
    assertBucket(detail.installment_fee, { initial_balance: 60000, current: 10000, unpaid: 10000, total: 60000 }, 'installment_fee');
    for (const b of ['installment_fee_2', 'delinquency_interest', 'daily_fee', 'late_fee']) assertBucket(detail[b], {}, b);

    const summary = { days_past_due: 0, immediate_payment_amount: 0, next_payment_amount: 229630.19, next_payment_date: '2024-02-15', full_payment_amount: 1207039.17, charged_off_amount: 0 };
    assert.deepEqual(s.summary, summary);
    assert.deepEqual(loan.summary, summary);
    assert.deepEqual(loan.payments, []);
    assert.deepEqual(s.payments, []);
  });

  it('on the due day the installment is still current; after it, overdue and accruing delinquency interest', async () => {
    const due = await statusAt('2024-02-15');
    assert.equal(due.loans[0].installments[0].state, 'current');
    assert.equal(due.summary.days_past_due, 0);
    assert.equal(due.summary.immediate_payment_amount, 0);
    assert.equal(due.summary.next_payment_date, '2024-02-15');

    // 2024-02-20: 5 days past due; delinquency interest of days 02-16..02-19 on 185 987.30:
    // 4 × f × 185 987.30 = 663.85. Immediate = 229 630.19 + 663.85 = 230 294.04.
    const s = await statusAt('2024-02-20');
    earlier.set('2024-02-20', s);
    const loan = s.loans[0];
    assert.deepEqual(loan.installments.map((i: any) => i.state), ['overdue', 'current', 'future', 'future', 'future', 'future']);
    const detail = loan.balance_detail.at_calculation_date;
    assertBucket(detail.delinquency_interest, { initial_balance: 663.85, overdue: 663.85, unpaid: 663.85, total: 663.85 }, 'delinquency_interest');
    assertBucket(detail.principal, { initial_balance: 1200000, overdue: 185987.3, current: 193059.51, unpaid: 379046.81, total: 1200000 }, 'principal');
    assertBucket(detail.interest, { initial_balance: 117781.12, overdue: 33642.89, current: 26570.68, unpaid: 60213.57, total: 117781.12 }, 'interest');
    assertBucket(detail.installment_fee, { initial_balance: 60000, overdue: 10000, current: 10000, unpaid: 20000, total: 60000 }, 'installment_fee');
    assert.deepEqual(s.summary, {
      days_past_due: 5,
      immediate_payment_amount: 230294.04,
      next_payment_amount: 229630.19,
      next_payment_date: '2024-03-15',
      full_payment_amount: 1250612.03,
      charged_off_amount: 0,
    });
  });

  it('a late partial payment (P1, 2024-02-25) is allocated delinquency interest, fee, interest, then principal', async () => {
    // Delinquency interest through 02-24: 9 days × f × 185 987.30 = 1 493.66.
    // 150 000 − 1 493.66 − 10 000 − 33 642.89 = 104 863.45 of principal.
    const body = await pay('P1', '2024-02-25', 150000);
    assert.equal(body.id, 'P1');
    const s = await statusAt('2024-02-25');
    earlier.set('2024-02-25', s);
    const loan = s.loans[0];
    assert.equal(loan.payments.length, 1);
    const p = loan.payments[0];
    assert.equal(p.id, 'P1');
    assert.equal(p.kordev_id, 2);
    assert.equal(p.payment_date, '2024-02-25');
    assert.equal(p.amount, 150000);
    assert.deepEqual(p.allocations, [
      { loan_id: 'L1', installment_number: 1, bucket: 'delinquency_interest', amount: 1493.66 },
      { loan_id: 'L1', installment_number: 1, bucket: 'installment_fee', amount: 10000 },
      { loan_id: 'L1', installment_number: 1, bucket: 'interest', amount: 33642.89 },
      { loan_id: 'L1', installment_number: 1, bucket: 'principal', amount: 104863.45 },
    ]);
    assert.deepEqual(s.payments.map((x: any) => x.id), ['P1']);
    assertInstallmentOutstanding(loan.installments[0], { principal: 81123.85 }, 'installment 1');
    const detail = loan.balance_detail.at_calculation_date;
    assertBucket(detail.delinquency_interest, { initial_balance: 1493.66, paid: 1493.66 }, 'delinquency_interest');
    assertBucket(detail.principal, { initial_balance: 1200000, paid: 104863.45, overdue: 81123.85, current: 193059.51, unpaid: 274183.36, total: 1095136.55 }, 'principal');
    assert.deepEqual(s.summary, {
      days_past_due: 10,
      immediate_payment_amount: 81123.85,
      next_payment_amount: 229630.19,
      next_payment_date: '2024-03-15',
      full_payment_amount: 1107747.13,
      charged_off_amount: 0,
    });
  });

  it('a second late payment (P2, 2024-03-20) pays installment 1 off and most of installment 2', async () => {
    // Before P2: installment 1 accrued 02-25..03-19 (24 days) on 81 123.85 → 1 737.35;
    // installment 2 accrued 03-16..03-19 (4 days) on 193 059.51 → 689.09.
    // Read the day first: the answer must change once P2 is applied (no stale cached status).
    const unpaid = await statusAt('2024-03-20');
    assert.equal(unpaid.summary.immediate_payment_amount, 313180.48);
    assert.equal(unpaid.summary.days_past_due, 34);
    const pay2 = await pay('P2', '2024-03-20', 300000);
    assert.equal(pay2.id, 'P2');
    const s = await statusAt('2024-03-20');
    const loan = s.loans[0];
    const p = loan.payments.find((x: any) => x.id === 'P2');
    assert.deepEqual(p.allocations, [
      { loan_id: 'L1', installment_number: 1, bucket: 'delinquency_interest', amount: 1737.35 },
      { loan_id: 'L1', installment_number: 1, bucket: 'principal', amount: 81123.85 },
      { loan_id: 'L1', installment_number: 2, bucket: 'delinquency_interest', amount: 689.09 },
      { loan_id: 'L1', installment_number: 2, bucket: 'installment_fee', amount: 10000 },
      { loan_id: 'L1', installment_number: 2, bucket: 'interest', amount: 26570.68 },
      { loan_id: 'L1', installment_number: 2, bucket: 'principal', amount: 179879.03 },
    ]);
    assert.equal(loan.installments[0].is_paid, true);
    assert.equal(loan.installments[1].is_paid, false);
    assertInstallmentOutstanding(loan.installments[1], { principal: 13180.48 }, 'installment 2');
    const detail = loan.balance_detail.at_calculation_date;
    assertBucket(detail.delinquency_interest, { initial_balance: 3920.1, paid: 3920.1 }, 'delinquency_interest');
    assertBucket(detail.principal, { initial_balance: 1200000, paid: 365866.33, overdue: 13180.48, current: 196614.16, unpaid: 209794.64, total: 834133.67 }, 'principal');
    assertBucket(detail.interest, { initial_balance: 117781.12, paid: 60213.57, current: 23016.03, unpaid: 23016.03, total: 57567.55 }, 'interest');
    assert.deepEqual(s.summary, {
      days_past_due: 5,
      immediate_payment_amount: 13180.48,
      next_payment_amount: 229630.19,
      next_payment_date: '2024-04-15',
      full_payment_amount: 839458.83,
      charged_off_amount: 0,
    });
  });

  it('a waiver of 5 000 on installment_fee (2024-03-25) lands on the current installment', async () => {
    const res = await system.api.post(`/v1/borrowers/${BORROWER}/loans/L1/waivers/W1/create${MIG}`, {
      occurred_on: '2024-03-25T09:00:00-05:00',
      request_id: 'req-W1',
      waiver: { amount: 5000, bucket: 'installment_fee', config_id: null, effective_date: '2024-03-25T00:00:00-05:00', percentage: null, reason: 'goodwill', type: 'amount' },
    }, WAIT);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    // Installments 1 and 2 have paid their fees, so the waiver goes to installment 3's.
    // Installment 2's 13 180.48 of principal accrued 03-20..03-24 (5 days) → 58.81.
    const s = await statusAt('2024-03-25');
    earlier.set('2024-03-25', s);
    const loan = s.loans[0];
    assertInstallmentOutstanding(loan.installments[1], { principal: 13180.48, delinquency_interest: 58.81 }, 'installment 2');
    assertInstallmentOutstanding(loan.installments[2], { principal: 196614.16, interest: 23016.03, installment_fee: 5000 }, 'installment 3');
    assert.equal(loan.installments[2].buckets.installment_fee.waived_off, 5000);
    const detail = loan.balance_detail.at_calculation_date;
    assertBucket(detail.installment_fee, { initial_balance: 60000, paid: 20000, waived_off: 5000, current: 5000, unpaid: 5000, total: 35000 }, 'installment_fee');
    assertBucket(detail.delinquency_interest, { initial_balance: 3978.91, paid: 3920.1, overdue: 58.81, unpaid: 58.81, total: 58.81 }, 'delinquency_interest');
    assert.deepEqual(s.summary, {
      days_past_due: 10,
      immediate_payment_amount: 13239.29,
      next_payment_amount: 224630.19,
      next_payment_date: '2024-04-15',
      full_payment_amount: 841617.01,
      charged_off_amount: 0,
    });
  });

  it('a transfer (2024-04-01) changes the owner from that day on, and only from it', async () => {
    const res = await system.api.post(`/v1/borrowers/loans/transfer_ownership${MIG}`, [{
      borrower_id: BORROWER,
      loan_id: 'L1',
      occurred_on: '2024-04-01T09:00:00-05:00',
      ownership_transfer: { effective_date: '2024-04-01T00:00:00-05:00', new_owner: 'BANK_2' },
      request_id: 'req-T1',
    }], WAIT);
    assert.equal(res.status, 207, JSON.stringify(res.body));
    // What moved with the loan on 04-01 (installment 2 overdue, 3 current).
    assert.deepEqual(res.body.succeeded[0].transferred_amounts.principal, { current: 196614.16, overdue: 13180.48, total: 834133.67, unpaid: 209794.64 });
    assert.equal((await statusAt('2024-03-31')).loans[0].attributes.owner, 'BANK_1');
    const s = await statusAt('2024-04-01');
    assert.equal(s.loans[0].attributes.owner, 'BANK_2');
    // 12 days (03-20..03-31) on 13 180.48 → 141.14 of delinquency interest.
    assert.equal(s.loans[0].balance_detail.at_calculation_date.delinquency_interest.overdue, 141.14);
    assert.deepEqual(s.summary, {
      days_past_due: 17,
      immediate_payment_amount: 13321.62,
      next_payment_amount: 224630.19,
      next_payment_date: '2024-04-15',
      full_payment_amount: 847380.37,
      charged_off_amount: 0,
    });
  });

  it('the payoff quote of 2024-04-01 is the full payment amount, with its breakdown (docs/reads.md "Payoff quote")', async () => {
    // Installment 2 overdue (13 180.48 principal, 141.14 delinquency interest), all principal
    // 834 133.67, and 17 of installment 3's 31 days: interest round(23 016.03 × 17/31) =
    // 12 621.69, fee round(10 000 × 17/31) = 5 483.87 less the 5 000 waived = 483.87.
    const res = await system.api.get(`/v1/borrowers/${BORROWER}/loans/L1/payoff?date=2024-04-01`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.ok(payoffQuoteSchema.safeParse(res.body).success);
    assert.deepEqual(res.body, {
      borrower_id: BORROWER,
      loan_id: 'L1',
      date: '2024-04-01',
      payoff_amount: 847380.37,
      breakdown: { principal: 834133.67, interest: 12621.69, installment_fee: 483.87, installment_fee_2: 0, delinquency_interest: 141.14, daily_fee: 0, late_fee: 0 },
    });
    const unknownLoan = await system.api.get(`/v1/borrowers/${BORROWER}/loans/NOPE/payoff?date=2024-04-01`);
    assert.equal(unknownLoan.status, 404);
    assert.deepEqual(unknownLoan.body, { code: 40401, context: { borrower_id: BORROWER, loan_id: 'NOPE', date: '2024-04-01' }, error: 'Loan not found', status: 'Not Found' });
    const unknownBorrower = await system.api.get('/v1/borrowers/NO-SUCH-BORROWER/loans/L1/payoff?date=2024-04-01');
    assert.equal(unknownBorrower.status, 404);
    assert.equal(unknownBorrower.body.context.borrower_id, 'NO-SUCH-BORROWER');
    for (const bad of ['2024-02-30', 'today', '2024-04-01T00:00:00Z']) {
      const res400 = await system.api.get(`/v1/borrowers/${BORROWER}/loans/L1/payoff?date=${bad}`);
      assert.equal(res400.status, 400, bad);
      assert.ok('query.date' in res400.body.context.fields, JSON.stringify(res400.body));
    }
    // Without a date: today in the ledger's time zone (the loan is long past its last due day).
    const today = await system.api.get(`/v1/borrowers/${BORROWER}/loans/L1/payoff`);
    assert.equal(today.status, 200, JSON.stringify(today.body));
    assert.match(today.body.date, /^\d{4}-\d{2}-\d{2}$/);
  });

  it('an overpayment (P3, 2024-04-10) pays the loan off and leaves a positive balance', async () => {
    // Everything outstanding on 04-10: 926 948.21 (delinquency interest of installment 2 now
    // 21 days × f × 13 180.48 = 246.99). A payment pays the schedule as it stands, future
    // interest included; paying 50 000 more leaves 50 000 as positive balance. The payoff quote
    // (full_payment_amount) is less: 857 071.53, the future interest and fees not owed.
    const before10 = await statusAt('2024-04-10');
    assert.equal(before10.summary.full_payment_amount, 857071.53);
    await pay('P3', '2024-04-10', 976948.21);
    const s = await statusAt('2024-04-10');
    assert.equal(s.positive_balance, 50000);
    const loan = s.loans[0];
    assert.equal(loan.attributes.paid_off_date, '2024-04-10');
    assert.ok(loan.installments.every((i: any) => i.is_paid));
    const p3 = s.payments.find((x: any) => x.id === 'P3');
    assert.equal(p3.amount, 976948.21);
    assert.equal(p3.positive_balance_amount, 50000);
    assert.equal(p3.allocations.reduce((sum: number, l: any) => sum + Math.round(l.amount * 100), 0), 92694821);
    const detail = loan.balance_detail.at_calculation_date;
    assertBucket(detail.principal, { initial_balance: 1200000, paid: 1200000 }, 'principal');
    assertBucket(detail.interest, { initial_balance: 117781.12, paid: 117781.12 }, 'interest');
    assertBucket(detail.installment_fee, { initial_balance: 60000, paid: 55000, waived_off: 5000 }, 'installment_fee');
    assertBucket(detail.delinquency_interest, { initial_balance: 4167.09, paid: 4167.09 }, 'delinquency_interest');
    const zero = { days_past_due: 0, immediate_payment_amount: 0, next_payment_amount: 0, next_payment_date: null, full_payment_amount: 0, charged_off_amount: 0 };
    assert.deepEqual(s.summary, zero);
    // Nothing accrues on a paid-off loan; the positive balance stays (nothing left to pay on
    // the loan's later due days).
    const later = await statusAt('2024-08-01');
    assert.equal(later.positive_balance, 50000);
    assert.deepEqual(later.summary, zero);
    assert.equal(later.loans[0].balance_detail.at_calculation_date.delinquency_interest.initial_balance, 4167.09);    // A paid-off loan has no payoff quote.
    const paidOff = await system.api.get(`/v1/borrowers/${BORROWER}/loans/L1/payoff?date=2024-04-11`);
    assert.equal(paidOff.status, 409);
    assert.equal(paidOff.body.code, 40920);
  });

  it('a past day reads the same after later operations as it did before them', async () => {
    for (const [day, body] of earlier) assert.deepEqual(await statusAt(day), body, day);
  });

  it('a back-dated payment is placed in its day: the same figures whatever the arrival order', async () => {
    // P2 and W1 first, then P1 dated before both: the status of 2024-03-25 must be the one
    // the in-order borrower showed (immediate 13 239.29, full 841 617.01), with P1 allocated
    // as if it had arrived first.
    const borrower = 'B-back';
    const post = (path: string, body: unknown) => system.api.post(`/v1/borrowers/${borrower}${path}${MIG}`, body, WAIT);
    const payment = (id: string, day: string, amount: number) => paymentBody(amount, day, id);
    assert.equal((await post('/loans/L1/create', createLoanBody())).status, 200);
    assert.equal((await post('/payments/P2/create', payment('P2', '2024-03-20', 300000))).status, 200);
    const waiver = { amount: 5000, bucket: 'installment_fee', config_id: null, effective_date: '2024-03-25T00:00:00-05:00', percentage: null, reason: null, type: 'amount' };
    assert.equal((await post('/loans/L1/waivers/W1/create', { occurred_on: '2024-03-25T09:00:00-05:00', request_id: 'w1', waiver })).status, 200);
    const before = (await system.api.get(`/v1/borrowers/${borrower}/get_status?calculation_date=2024-03-25`)).body;
    assert.notEqual(before.summary.full_payment_amount, 841617.01);
    assert.equal((await post('/payments/P1/create', payment('P1', '2024-02-25', 150000))).status, 200);
    const s = (await system.api.get(`/v1/borrowers/${borrower}/get_status?calculation_date=2024-03-25`)).body;
    assert.deepEqual(s.summary, (earlier.get('2024-03-25') as any).summary);
    assert.deepEqual(s.loans[0].balance_detail, (earlier.get('2024-03-25') as any).loans[0].balance_detail);
    assert.deepEqual(s.payments.map((p: any) => p.id), ['P1', 'P2']);
    assert.deepEqual(s.payments[0].allocations.map((a: any) => a.amount), [1493.66, 10000, 33642.89, 104863.45]);
  });

  it('get_history: every bucket change with its step, paged', async () => {
    const all: any[] = [];
    let offset: number | null = 0;
    while (offset !== null) {
      const res = await system.api.get(`/v1/borrowers/${BORROWER}/get_history?limit=7&offset=${offset}`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.borrower_id, BORROWER);
      assert.equal(res.body.limit, 7);
      assert.equal(res.body.offset, offset);
      const shape = borrowerHistorySchema.safeParse(res.body);
      assert.ok(shape.success, JSON.stringify(shape.error?.issues));
      assert.ok(res.body.records.length <= 7);
      all.push(...res.body.records);
      offset = res.body.next_offset;
    }
    const whole = await system.api.get(`/v1/borrowers/${BORROWER}/get_history?limit=1000`);
    assert.equal(whole.body.total, all.length);
    assert.deepEqual(whole.body.records, all);
    assert.equal(whole.body.next_cursor, null);
    // The same pages by cursor (the OpenAPI document's name for the offset to continue at).
    const byCursor: any[] = [];
    let cursor: string | null = null;
    do {
      const res = await system.api.get(`/v1/borrowers/${BORROWER}/get_history?limit=11${cursor === null ? '' : `&cursor=${cursor}`}`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      byCursor.push(...res.body.records);
      cursor = res.body.next_cursor;
    } while (cursor !== null);
    assert.deepEqual(byCursor, all);
    for (const e of all) {
      for (const key of ['loan_id', 'bucket_type', 'bucket_status', 'delta', 'balance', 'effective_date', 'step_type']) assert.ok(key in e, `${key} in ${JSON.stringify(e)}`);
      assert.match(e.effective_date, /^\d{4}-\d{2}-\d{2}$/);
      assert.match(e.step_type, /^[A-Z]+(_[A-Z0-9]+)*$/, 'Kordev\'s upper snake case');
    }
    // Effective dates never go backwards.
    for (let i = 1; i < all.length; i++) assert.ok(all[i - 1].effective_date <= all[i].effective_date, `${all[i - 1].effective_date} then ${all[i].effective_date}`);
    const steps = new Set(all.map((e) => e.step_type));
    for (const step of ['ORIGINATION', 'DELINQUENCY_INTEREST_ACCRUAL', 'WAIVER', 'PAYMENT_APPLICATION', 'OWNERSHIP_TRANSFER']) assert.ok(steps.has(step), `step ${step} in ${[...steps]}`);

    // Origination: the schedule, bucket by bucket.
    const origination = all.filter((e) => e.step_type === 'ORIGINATION' && e.bucket_type === 'principal');
    assert.deepEqual(origination.map((e) => e.delta), [185987.3, 193059.51, 196614.16, 202698.61, 207809.19, 213831.23]);
    assert.ok(origination.every((e) => e.loan_id === 'L1' && e.effective_date === '2024-01-15' && e.delta === e.balance));

    // P1's movements are its allocation, negative deltas on outstanding amounts.
    const p1 = all.filter((e) => e.effective_date === '2024-02-25' && e.delta < 0);
    assert.ok(p1.every((e) => e.step_type === 'PAYMENT_APPLICATION' && e.bucket_status === 'paid' && e.installment_number === 1 && typeof e.operation_id === 'string'));
    assert.deepEqual(p1.map((e) => [e.bucket_type, e.delta, e.balance]), [
      ['delinquency_interest', -1493.66, 0],
      ['installment_fee', -10000, 0],
      ['interest', -33642.89, 0],
      ['principal', -104863.45, 81123.85],
    ]);
    // The waiver: one movement of installment 3's fee.
    const waiver = all.filter((e) => e.step_type === 'WAIVER');
    assert.deepEqual(waiver.map((e) => [e.installment_number, e.bucket_type, e.bucket_status, e.delta, e.balance, e.effective_date]), [[3, 'installment_fee', 'waived', -5000, 5000, '2024-03-25']]);
    // Delinquency interest accrued over the whole life of the loan adds up to 4 167.09.
    const accrued = all.filter((e) => e.step_type === 'DELINQUENCY_INTEREST_ACCRUAL').reduce((sum, e) => sum + Math.round(e.delta * 100), 0);
    assert.ok(Math.abs(accrued - 416709) <= all.length, `accrued ${accrued / 100}`);
    // The overpayment's remainder reaches the positive balance.
    const pb = all.filter((e) => e.bucket_type === 'positive_balance');
    assert.equal(pb.at(-1)?.balance, 50000);
    assert.equal(pb.at(-1)?.effective_date, '2024-04-10');

    // History as of a past day stops there: through 2024-02-25 it is the origination, the
    // accrual of 02-16..02-24 and P1 (whose entries match the full history's).
    const asOf = await system.api.get(`/v1/borrowers/${BORROWER}/get_history?calculation_date=2024-02-25&limit=1000`);
    assert.equal(asOf.status, 200);
    assert.equal(asOf.body.calculation_date, '2024-02-25');
    assert.ok(asOf.body.records.every((e: any) => e.effective_date <= '2024-02-25'));
    assert.deepEqual(asOf.body.records, all.filter((e) => e.effective_date <= '2024-02-25'));
    const bad = await system.api.get(`/v1/borrowers/${BORROWER}/get_history?calculation_date=2024-02-30`);
    assert.equal(bad.status, 400);
  });

  it('a repeated status read can be revalidated: ETag and 304', async () => {
    const first = await system.api.get(`/v1/borrowers/${BORROWER}/get_status?calculation_date=2024-03-25`);
    const etag = first.headers.get('etag');
    assert.ok(etag, 'an ETag');
    assert.match(first.headers.get('content-type') ?? '', /^application\/json/);
    const again = await system.api.get(`/v1/borrowers/${BORROWER}/get_status?calculation_date=2024-03-25`, { 'if-none-match': etag! });
    assert.equal(again.status, 304);
    const otherDay = await system.api.get(`/v1/borrowers/${BORROWER}/get_status?calculation_date=2024-03-26`, { 'if-none-match': etag! });
    assert.equal(otherDay.status, 200);
  });

  it('unknown borrower: 404 in the seed error body, for status and history', async () => {
    for (const path of ['get_status?calculation_date=2024-01-20', 'get_status', 'get_history']) {
      const res = await system.api.get(`/v1/borrowers/NO-SUCH-BORROWER/${path}`);
      assert.equal(res.status, 404, path);
      assert.deepEqual(Object.keys(res.body).sort(), ['code', 'context', 'error', 'status']);
      assert.equal(res.body.status, 'Not Found');
      assert.equal(typeof res.body.code, 'number');
      assert.equal(res.body.context.borrower_id, 'NO-SUCH-BORROWER');
    }
  });

  it('a borrower whose only operation was refused is known: 200 with no loans (docs/reads.md)', async () => {
    const body = { ...paymentBody(1000, '2024-02-01', 'req-refused'), payment_allocations: [{ loan_id: 'NO-SUCH-LOAN', amount: 1000 }] };
    const res = await system.api.post(`/v1/borrowers/B-refused/payments/PR1/create${MIG}`, body);
    assert.equal(res.status, 202, JSON.stringify(res.body));
    const done = await system.api.waitForOperation(res.body.operation_id);
    assert.equal(done.status, 'failed');
    assert.equal(done.result.status_code, 404);
    const status = await system.api.get('/v1/borrowers/B-refused/get_status?calculation_date=2024-02-01');
    assert.equal(status.status, 200, JSON.stringify(status.body));
    assert.deepEqual(
      { loans: status.body.loans, payments: status.body.payments, positive_balance: status.body.positive_balance, full: status.body.summary.full_payment_amount },
      { loans: [], payments: [], positive_balance: 0, full: 0 },
    );
  });

  it('a malformed calculation_date is 400 naming the parameter', async () => {
    for (const bad of ['2024-13-01', '2024-02-30', 'yesterday', '2024-2-1', '', '2024-02-20T00:00:00Z', '2024-02-20&calculation_date=2024-02-21', '0001-01-01', '1899-12-31']) {
      const res = await system.api.get(`/v1/borrowers/${BORROWER}/get_status?calculation_date=${bad}`);
      assert.equal(res.status, 400, `${bad}: ${JSON.stringify(res.body)}`);
      assert.deepEqual(Object.keys(res.body).sort(), ['code', 'context', 'error', 'status']);
      assert.equal(res.body.status, 'Bad Request');
      assert.ok('query.calculation_date' in res.body.context.fields, JSON.stringify(res.body));
    }
    // A malformed date is 400 even for an unknown borrower: the request is wrong before the lookup.
    const unknown = await system.api.get('/v1/borrowers/NO-SUCH-BORROWER/get_status?calculation_date=yesterday');
    assert.equal(unknown.status, 400);
    // Leap day is a real day.
    assert.equal((await system.api.get(`/v1/borrowers/${BORROWER}/get_status?calculation_date=2024-02-29`)).status, 200);
  });

  it('bad paging is 400 naming the parameter', async () => {
    for (const [query, field] of [['limit=0', 'limit'], ['limit=1001', 'limit'], ['limit=abc', 'limit'], ['limit=1.5', 'limit'], ['offset=-1', 'offset'], ['offset=x', 'offset'], ['limit=', 'limit'], ['cursor=abc', 'cursor'], ['offset=1&cursor=2', 'cursor'], ['limit=1&limit=2', 'limit']] as const) {
      const res = await system.api.get(`/v1/borrowers/${BORROWER}/get_history?${query}`);
      assert.equal(res.status, 400, `${query}: ${JSON.stringify(res.body)}`);
      assert.deepEqual(Object.keys(res.body).sort(), ['code', 'context', 'error', 'status']);
      assert.ok(`query.${field}` in res.body.context.fields, JSON.stringify(res.body));
    }
    // Past the end: an empty page, not an error.
    const past = await system.api.get(`/v1/borrowers/${BORROWER}/get_history?offset=100000`);
    assert.equal(past.status, 200);
    assert.deepEqual(past.body.records, []);
    assert.equal(past.body.next_offset, null);
  });
});

/*
 * The python3 model the figures above come from (strip the leading " * " and run it with python3). It knows nothing of
 * the engine: it is docs/ledger.md transcribed day by day.
 *
 * # Independent docs/ledger.md model of the reads scenario (python3 decimal, 50 digits, ROUND_HALF_UP).
 * from decimal import Decimal as D, getcontext, ROUND_HALF_UP
 * from datetime import date, timedelta
 * getcontext().prec = 50
 * def r2(x): return x.quantize(D('0.01'), rounding=ROUND_HALF_UP)
 * def day(s): return date.fromisoformat(s)
 * P, EA, F = D(1200000), D('0.3848'), D(60000)
 * O = day('2024-01-15'); dues = [day(f'2024-{m:02d}-15') for m in range(2, 8)]
 * n = len(dues)
 * prev = O; rates = []
 * for d in dues: rates.append((1 + EA) ** (D((d - prev).days) / D(365)) - 1); prev = d
 * acc, disc = D(1), D(0)
 * for r in rates: acc = acc / (1 + r); disc += acc
 * A = r2(P / disc)
 * B = P; sched = []
 * for i, r in enumerate(rates):
 *     it = r2(B * r); pr = max(A - it, D(0)) if i < n - 1 else B
 *     B -= pr; fee = r2(F / n) if i < n - 1 else F - r2(F / n) * (n - 1)
 *     sched.append(dict(principal=pr, interest=it, installment_fee=fee))
 * f = (1 + EA) ** (D(1) / D(365)) - 1   # delinquency EA = 0.3848, no usury
 * ORDER = ['late_fee', 'daily_fee', 'delinquency_interest', 'installment_fee_2', 'installment_fee', 'interest', 'principal']
 * inst = [dict(due=dues[i], acc={b: D(0) for b in ORDER}, init={**{b: D(0) for b in ORDER}, **sched[i]}, paid={b: D(0) for b in ORDER}, waived={b: D(0) for b in ORDER}) for i in range(n)]
 * def out(x, b): return r2(x['init'][b] + x['acc'][b]) - x['paid'][b] - x['waived'][b]
 * state = dict(day=O, pb=D(0))
 * def eod(t):  # end of day t: delinquency interest on principal unpaid at the end of t, for t > D_i
 *     for x in inst:
 *         if t > x['due'] and out(x, 'principal') > 0: x['acc']['delinquency_interest'] += out(x, 'principal') * f
 * def advance(to):  # a read or operation on day C sees end-of-day work through C-1
 *     while state['day'] < to: eod(state['day']); state['day'] += timedelta(1)
 * def pay(T, amount):
 *     advance(T); lines = []
 *     for x in inst:  # overdue oldest first, then current, then future: due order
 *         for b in ORDER:
 *             o = out(x, b)
 *             if amount <= 0 or o <= 0: continue
 *             take = min(o, amount); x['paid'][b] += take; amount -= take; lines.append((inst.index(x) + 1, b, take))
 *     state['pb'] += amount; return lines
 * def waive(T, bucket, amount):
 *     advance(T)
 *     for x in inst:
 *         take = min(out(x, bucket), amount); x['waived'][bucket] += take; amount -= take
 * def quote(C):  # docs/ledger.md "Payoff": overdue + all principal + the accrued part of the current installment + accruals
 *     q = D(0); cur = [i for i, x in enumerate(inst) if x['due'] >= C]; k = cur[0] if cur else None
 *     for i, x in enumerate(inst):
 *         for b in ORDER:
 *             if x['due'] < C or b not in ('interest', 'installment_fee', 'installment_fee_2'): q += out(x, b)
 *             elif i == k:
 *                 start = inst[i - 1]['due'] if i > 0 else O
 *                 acc = r2(x['init'][b] * (C - start).days / (x['due'] - start).days) - x['paid'][b] - x['waived'][b]
 *                 q += max(D(0), min(acc, out(x, b)))
 *     return q
 * def status(C):
 *     advance(C); res = {}
 *     for b in ORDER:
 *         ov = sum((out(x, b) for x in inst if x['due'] < C), D(0))
 *         cur = [x for x in inst if x['due'] >= C]
 *         cu = out(cur[0], b) if cur else D(0)
 *         tot = sum((out(x, b) for x in inst), D(0))
 *         res[b] = dict(initial=sum((r2(x['init'][b] + x['acc'][b]) for x in inst), D(0)), paid=sum((x['paid'][b] for x in inst), D(0)), waived=sum((x['waived'][b] for x in inst), D(0)), overdue=ov, current=cu, unpaid=ov + cu, total=tot)
 *     owed = [sum((out(x, b) for b in ORDER), D(0)) for x in inst]
 *     overdue_idx = [i for i, x in enumerate(inst) if x['due'] < C and owed[i] > 0]
 *     nxt = [i for i, x in enumerate(inst) if x['due'] >= C and owed[i] > 0]
 *     summ = dict(dpd=max([(C - inst[i]['due']).days for i in overdue_idx], default=0), immediate=sum((owed[i] for i in overdue_idx), D(0)),
 *                 next_date=str(inst[nxt[0]]['due']) if nxt else None, next_amount=owed[nxt[0]] if nxt else D(0), full=quote(C), everything=sum(owed, D(0)), pb=state['pb'])
 *     return res, summ, [[(b, out(x, b)) for b in ORDER if out(x, b) != 0] for x in inst]
 * print('A', A, 'f', f); print('sched', [(s['principal'], s['interest'], s['installment_fee']) for s in sched]); print('total interest', sum(s['interest'] for s in sched))
 * def show(C):
 *     res, summ, insts = status(day(C)); print('== status', C, summ)
 *     for b in ORDER:
 *         if any(res[b].values()): print('  ', b, {k: str(v) for k, v in res[b].items()})
 *     for i, x in enumerate(insts): print('   inst', i + 1, [(b, str(v)) for b, v in x])
 * show('2024-01-20'); show('2024-02-15'); show('2024-02-20')
 * print('P1', pay(day('2024-02-25'), D(150000))); show('2024-02-25')
 * show('2024-03-20')
 * print('P2', pay(day('2024-03-20'), D(300000))); show('2024-03-20')
 * waive(day('2024-03-25'), 'installment_fee', D(5000)); show('2024-03-25')
 * show('2024-04-01')
 * res, summ, _ = status(day('2024-04-10')); print('full (quote) at 04-10', summ['full'], 'everything outstanding', summ['everything'])
 * print('P3', pay(day('2024-04-10'), summ['everything'] + 50000)); show('2024-04-10'); show('2024-04-11')
 */

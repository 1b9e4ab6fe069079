import { DEFAULT_DELINQUENCY_BUCKETS } from '@lsl/ledger';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createLoanBody, paymentBody, startSystem, type System } from './helpers.js';

/*
 * Configs (docs/reads.md "Configs", docs/ledger.md) over HTTP against the real processes: the DEFAULTs
 * of a fresh install, PUT/GET with versions, a change never rewriting a loan already under
 * the old version (shown by get_status), zod-invalid bodies, unknown kinds and ids, usury
 * `cap` and `reject`, and the seed's waiver example on a fresh install.
 *
 * Figures come from the python3 decimal model of docs/ledger.md reproduced at the end of this file
 * (the same schedule rules as test/reads.test.ts).
 */

const MIG = '?is_migration=true';
const WAIT = { prefer: 'wait=10' };
const SEED_ERROR_KEYS = ['code', 'context', 'error', 'status'];

describe('configs: defaults, versions and their effect on loans', () => {
  let system: System;
  const put = (kind: string, id: string, body: unknown) =>
    system.api.raw(`/v1/configs/${kind}/${id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const statusAt = async (borrower: string, day: string) => {
    const res = await system.api.get(`/v1/borrowers/${borrower}/get_status?calculation_date=${day}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body;
  };
  const loanOf = (status: any, id: string) => status.loans.find((l: any) => l.attributes.id === id);

  before(async () => {
    system = await startSystem({ serverWorkerConcurrency: 2 });
  });
  after(async () => {
    await system?.stop();
  });

  it('a fresh install has a DEFAULT of each kind (and the seed waiver example\'s DEFAULT_WAIVER_CONFIG)', async () => {
    const order = ['late_fee', 'daily_fee', 'delinquency_interest', 'installment_fee_2', 'installment_fee', 'interest', 'principal'];
    const expected: Record<string, Record<string, unknown>> = {
      loans: { usury_rate: null, usury_behavior: 'cap', daily_fee_max_charge: null, late_fee_amount: null, late_fee_grace_days: 0, delinquency_buckets: DEFAULT_DELINQUENCY_BUCKETS },
      payments: { allocation_order: order, prepayment_effect: 'pay_ahead' },
      waivers: {},
      consolidations: { waivers: [], carried_buckets: order },
    };
    for (const [kind, body] of Object.entries(expected)) {
      const res = await system.api.get(`/v1/configs/${kind}/DEFAULT`);
      assert.equal(res.status, 200, `${kind}: ${JSON.stringify(res.body)}`);
      const { created_at, ...rest } = res.body;
      assert.ok(!Number.isNaN(Date.parse(created_at)), 'created_at is a date-time');
      assert.deepEqual(rest, { ...body, id: 'DEFAULT', version: 1 }, kind);
    }
    const waiver = await system.api.get('/v1/configs/waivers/DEFAULT_WAIVER_CONFIG');
    assert.equal(waiver.status, 200);
    assert.equal(waiver.body.id, 'DEFAULT_WAIVER_CONFIG');
    assert.equal(waiver.body.version, 1);
  });

  it('PUT a new loan config: 201 with defaults filled in, then GET returns it; the same body again is no new version', async () => {
    const created = await put('loans', 'LATE', { late_fee_amount: 20000, late_fee_grace_days: 3 });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const { created_at: _c, ...body } = created.body;
    assert.deepEqual(body, { usury_rate: null, usury_behavior: 'cap', daily_fee_max_charge: null, late_fee_amount: 20000, late_fee_grace_days: 3, delinquency_buckets: DEFAULT_DELINQUENCY_BUCKETS, id: 'LATE', version: 1 });
    const read = await system.api.get('/v1/configs/loans/LATE');
    assert.equal(read.status, 200);
    assert.deepEqual(read.body, created.body);
    const same = await put('loans', 'LATE', { late_fee_amount: 20000, late_fee_grace_days: 3 });
    assert.equal(same.status, 200);
    assert.equal(same.body.version, 1);
  });

  it('a change makes version 2; a loan created under version 1 keeps version 1\'s late fee', async () => {
    const borrower = 'B-late';
    const l1 = await system.api.post(`/v1/borrowers/${borrower}/loans/L1/create${MIG}`, createLoanBody({ request_id: 'l1' }, { config_id: 'LATE' }), WAIT);
    assert.equal(l1.status, 200, JSON.stringify(l1.body));
    const changed = await put('loans', 'LATE', { late_fee_amount: 50000, late_fee_grace_days: 0 });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.equal(changed.body.version, 2);
    assert.equal((await system.api.get('/v1/configs/loans/LATE')).body.late_fee_amount, 50000);
    const v1 = await system.api.get('/v1/configs/loans/LATE?version=1');
    assert.equal(v1.status, 200);
    assert.equal(v1.body.version, 1);
    assert.equal(v1.body.late_fee_amount, 20000);
    assert.equal((await system.api.get('/v1/configs/loans/LATE?version=3')).status, 404);
    assert.equal((await system.api.get('/v1/configs/loans/LATE?version=zero')).status, 400);
    const l2 = await system.api.post(`/v1/borrowers/${borrower}/loans/L2/create${MIG}`, createLoanBody({ request_id: 'l2' }, { config_id: 'LATE' }), WAIT);
    assert.equal(l2.status, 200, JSON.stringify(l2.body));

    // Installment 1 is due 2024-02-15 and nothing is paid. L2 (version 2: 50 000, no grace)
    // is charged at the end of 02-15, so from the 02-16 read on; L1 (version 1: 20 000,
    // 3 days' grace) at the end of 02-18, so from the 02-19 read on.
    const lateFee = (s: any, id: string) => loanOf(s, id).balance_detail.at_calculation_date.late_fee;
    const onDue = await statusAt(borrower, '2024-02-15');
    assert.equal(lateFee(onDue, 'L1').total, 0);
    assert.equal(lateFee(onDue, 'L2').total, 0);
    const next = await statusAt(borrower, '2024-02-16');
    assert.equal(lateFee(next, 'L1').total, 0);
    assert.deepEqual(
      { initial_balance: lateFee(next, 'L2').initial_balance, overdue: lateFee(next, 'L2').overdue, total: lateFee(next, 'L2').total },
      { initial_balance: 50000, overdue: 50000, total: 50000 },
    );
    assert.equal((await statusAt(borrower, '2024-02-18')).loans.map((l: any) => l.balance_detail.at_calculation_date.late_fee.total).join(), '0,50000');
    const afterGrace = await statusAt(borrower, '2024-02-19');
    assert.equal(lateFee(afterGrace, 'L1').total, 20000);
    assert.equal(lateFee(afterGrace, 'L2').total, 50000);
    assert.equal(loanOf(afterGrace, 'L1').installments[0].buckets.late_fee.outstanding, 20000);
    assert.equal(loanOf(afterGrace, 'L1').installments[1].buckets.late_fee.outstanding, 0);
    // The immediate payment amount carries it: installment 1 (229 630.19) + late fee +
    // delinquency interest of 02-16..02-18: 3 × f × 185 987.30 = 497.89, per loan.
    assert.equal(loanOf(afterGrace, 'L1').summary.immediate_payment_amount, 250128.08);
    assert.equal(loanOf(afterGrace, 'L2').summary.immediate_payment_amount, 280128.08);
  });

  it('usury cap lowers the applicable rate; after a change to reject, a new loan above it is 400 at intake while the old loan keeps its capped terms', async () => {
    const borrower = 'B-usury';
    const cap = await put('loans', 'USURY', { usury_rate: 0.25 });
    assert.equal(cap.status, 201);
    const l1 = await system.api.post(`/v1/borrowers/${borrower}/loans/L1/create${MIG}`, createLoanBody({ request_id: 'u1' }, { config_id: 'USURY' }), WAIT);
    assert.equal(l1.status, 200, JSON.stringify(l1.body));
    const check = async () => {
      const loan = (await statusAt(borrower, '2024-01-20')).loans[0];
      assert.deepEqual(loan.attributes.interest_rates, {
        fixed: { interest_rate: 0.3848, delinquency_interest_rate: 0.3848 },
        applicable: { interest_rate: 0.25, delinquency_interest_rate: 0.25 },
      });
      // The worked example's terms at EA 0.25: A = 213 304.73, installment 1 interest
      // 22 959.17, principal 190 345.56; total interest 79 828.35.
      assert.equal(loan.attributes.fixed_installment_amount, 213304.73);
      assert.equal(loan.installments[0].buckets.interest.initial_balance, 22959.17);
      assert.equal(loan.installments[0].buckets.principal.initial_balance, 190345.56);
      assert.equal(loan.balance_detail.at_calculation_date.interest.total, 79828.35);
    };
    await check();

    const reject = await put('loans', 'USURY', { usury_rate: 0.25, usury_behavior: 'reject' });
    assert.equal(reject.status, 200);
    assert.equal(reject.body.version, 2);
    const refused = await system.api.post(`/v1/borrowers/${borrower}/loans/L2/create${MIG}`, createLoanBody({ request_id: 'u2' }, { config_id: 'USURY' }), WAIT);
    assert.equal(refused.status, 400, JSON.stringify(refused.body));
    assert.deepEqual(Object.keys(refused.body).sort(), SEED_ERROR_KEYS);
    assert.equal(refused.body.status, 'Bad Request');
    assert.ok(JSON.stringify(refused.body.context).includes('interest_rate'), JSON.stringify(refused.body));
    // Nothing was recorded for L2; L1 is as it was.
    const after = await statusAt(borrower, '2024-01-20');
    assert.deepEqual(after.loans.map((l: any) => l.attributes.id), ['L1']);
    await check();
    // Under the usury rate, the reject config accepts the loan.
    const fine = await system.api.post(`/v1/borrowers/${borrower}/loans/L3/create${MIG}`, createLoanBody({ request_id: 'u3' }, { config_id: 'USURY', interest_rate: 0.2, delinquency_interest_rate: 0.2 }), WAIT);
    assert.equal(fine.status, 200, JSON.stringify(fine.body));
    const rates = { interest_rate: 0.2, delinquency_interest_rate: 0.2 };
    assert.deepEqual(loanOf(await statusAt(borrower, '2024-01-20'), 'L3').attributes.interest_rates, { fixed: rates, applicable: rates });
  });

  it('prepayment: a payment config with reduce_term recomputes the schedule; a payment may name its own effect (docs/ledger.md "Payoff and prepayment")', async () => {
    const created = await put('payments', 'SHORTER', { prepayment_effect: 'reduce_term' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.prepayment_effect, 'reduce_term');
    const bad = await put('payments', 'BAD_EFFECT', { prepayment_effect: 'sooner' });
    assert.equal(bad.status, 400);
    assert.ok('prepayment_effect' in bad.body.context.fields, JSON.stringify(bad.body));
    // The worked example, 529 630.19 on its first due day: installment 1 in full, 300 000 to future
    // principal (derive.py "prepayment").
    const borrower = 'B-prepay';
    assert.equal((await system.api.post(`/v1/borrowers/${borrower}/loans/L1/create${MIG}`, createLoanBody(), WAIT)).status, 200);
    const paid = await system.api.post(`/v1/borrowers/${borrower}/payments/P1/create${MIG}`, paymentBody(529630.19, '2024-02-15', 'p1', 'SHORTER'), WAIT);
    assert.equal(paid.status, 200, JSON.stringify(paid.body));
    let loan = loanOf(await statusAt(borrower, '2024-02-16'), 'L1');
    assert.deepEqual(loan.prepayments, [{ payment_id: 'P1', date: '2024-02-15', amount: 300000, effect: 'reduce_term' }]);
    assert.equal(loan.attributes.fixed_installment_amount, 219630.19);
    assert.deepEqual(loan.installments.map((i: any) => i.buckets.interest.outstanding), [0, 18709.63, 14384.92, 8348.57, 2707.28, 0]);
    assert.equal(loan.installments[5].buckets.installment_fee.closed, 10000);
    // Its own effect overrides the config's: a second prepayment that lowers the installment.
    const own = paymentBody(300000, '2024-03-15', 'p2', 'SHORTER'); // installment 2 (229 630.19), then 70 369.81 prepaid
    const p2 = await system.api.post(`/v1/borrowers/${borrower}/payments/P2/create${MIG}`, { ...own, payment: { ...own.payment, prepayment_effect: 'reduce_installment' } }, WAIT);
    assert.equal(p2.status, 200, JSON.stringify(p2.body));
    loan = loanOf(await statusAt(borrower, '2024-03-16'), 'L1');
    assert.equal(loan.prepayments[1].effect, 'reduce_installment');
    assert.ok(loan.attributes.fixed_installment_amount < 219630.19);
    const badOwn = await system.api.post(`/v1/borrowers/${borrower}/payments/P3/create${MIG}`, { ...own, payment: { ...own.payment, prepayment_effect: 'later' } });
    assert.equal(badOwn.status, 400);
    assert.ok('payment.prepayment_effect' in badOwn.body.context.fields, JSON.stringify(badOwn.body));
  });

  it('a zod-invalid config body is 400 naming each bad field', async () => {
    const cases: Array<[string, unknown, string[]]> = [
      ['loans', { usury_rate: -1, usury_behavior: 'maybe', late_fee_grace_days: 1.5 }, ['usury_rate', 'usury_behavior', 'late_fee_grace_days']],
      ['loans', { late_fee_amount: 'ten' }, ['late_fee_amount']],
      ['payments', { allocation_order: ['principal', 'principal'] }, ['allocation_order']],
      ['consolidations', { waivers: [{ bucket: 'nope', type: 'amount', amount: 1 }] }, ['waivers[0].bucket']],
      ['loans', 'hello', ['body']],
    ];
    for (const [kind, body, fields] of cases) {
      const res = await put(kind, 'BAD', body);
      assert.equal(res.status, 400, `${kind} ${JSON.stringify(body)}: ${JSON.stringify(res.body)}`);
      assert.deepEqual(Object.keys(res.body).sort(), SEED_ERROR_KEYS);
      for (const f of fields) assert.ok(Object.keys(res.body.context.fields).some((k) => k.startsWith(f)), `${f} in ${JSON.stringify(res.body.context)}`);
    }
    // Nothing was stored under BAD.
    assert.equal((await system.api.get('/v1/configs/loans/BAD')).status, 404);
  });

  it('an unknown kind is 404; an unknown config id is 404 on GET', async () => {
    for (const res of [await system.api.get('/v1/configs/widgets/DEFAULT'), await put('widgets', 'X', {})]) {
      assert.equal(res.status, 404);
      assert.deepEqual(Object.keys(res.body).sort(), SEED_ERROR_KEYS);
      assert.equal(res.body.status, 'Not Found');
    }
    const missing = await system.api.get('/v1/configs/payments/NO_SUCH');
    assert.equal(missing.status, 404);
    assert.deepEqual(Object.keys(missing.body).sort(), SEED_ERROR_KEYS);
  });

  it('an unknown config_id in an operation is 400 at intake, naming the field, and records nothing', async () => {
    const borrower = 'B-unknown-config';
    const loan = await system.api.post(`/v1/borrowers/${borrower}/loans/L1/create${MIG}`, createLoanBody({}, { config_id: 'NOPE' }));
    assert.equal(loan.status, 400);
    assert.deepEqual(Object.keys(loan.body).sort(), SEED_ERROR_KEYS);
    assert.ok('loan.config_id' in loan.body.context.fields, JSON.stringify(loan.body));
    assert.equal((await system.api.get(`/v1/borrowers/${borrower}/get_status`)).status, 404, 'nothing recorded');

    assert.equal((await system.api.post(`/v1/borrowers/${borrower}/loans/L1/create${MIG}`, createLoanBody(), WAIT)).status, 200);
    const payment = await system.api.post(`/v1/borrowers/${borrower}/payments/P1/create${MIG}`, paymentBody(100, '2024-02-01', 'p1', 'NOPE'));
    assert.equal(payment.status, 400);
    assert.ok('payment.config_id' in payment.body.context.fields, JSON.stringify(payment.body));
    const waiver = await system.api.post(`/v1/borrowers/${borrower}/loans/L1/waivers/W1/create${MIG}`, {
      occurred_on: '2024-02-01T10:00:00-05:00',
      request_id: 'w1',
      waiver: { amount: 100, bucket: 'interest', config_id: 'NOPE', effective_date: '2024-02-01T00:00:00-05:00', percentage: null, reason: null, type: 'amount' },
    });
    assert.equal(waiver.status, 400);
    assert.ok('waiver.config_id' in waiver.body.context.fields, JSON.stringify(waiver.body));
    const consolidation = await system.api.post(`/v1/borrowers/${borrower}/loans/consolidations/C1/create${MIG}`, {
      loan_consolidation: {
        consolidation_config: 'NOPE',
        daily_fee_charge: null,
        delinquency_interest_rate: 0.3,
        due_dates: ['2024-04-20T23:59:59.999999-05:00'],
        effective_date: '2024-03-20T00:00:00-05:00',
        interest_rate: 0.3,
        loan_config: 'DEFAULT',
        original_loans: ['L1'],
        owner: 'BANK_1',
      },
      occurred_on: '2024-03-20T10:00:00-05:00',
      request_id: 'c1',
    });
    assert.equal(consolidation.status, 400);
    assert.ok('loan_consolidation.consolidation_config' in consolidation.body.context.fields, JSON.stringify(consolidation.body));
    // None of them reached the ledger.
    const s = await statusAt(borrower, '2024-04-01');
    assert.deepEqual(s.payments, []);
    assert.equal(s.loans[0].balance_detail.at_calculation_date.interest.waived_off, 0);
    assert.equal(s.loans.length, 1);
  });

  it('the seed\'s create-waiver example, verbatim, works on a fresh install', async () => {
    // A loan live on the seed's effective date: P = 1 200 000, EA 0.3848, originated
    // 2019-12-15, due the 15th of Jan..Jun 2020, fee 60 000. On 2020-01-01 it owes
    // 1 200 000 + 118 564.90 interest + 60 000 fees = 1 378 564.90; 20 % of `all` is
    // 275 712.98, waived installment by installment in payment order: fees 20 000,
    // interest 62 067.83, principal 193 645.15 (installment 1 entirely, 2 partly).
    const borrower = 'B-seed-waiver';
    const dues = ['2020-01-15', '2020-02-15', '2020-03-15', '2020-04-15', '2020-05-15', '2020-06-15'].map((d) => `${d}T23:59:59.999999-05:00`);
    const loan = await system.api.post(`/v1/borrowers/${borrower}/loans/L1/create${MIG}`, createLoanBody({ occurred_on: '2019-12-15T10:00:00-05:00' }, { origination_date: '2019-12-15T00:00:00-05:00', due_dates: dues }), WAIT);
    assert.equal(loan.status, 200, JSON.stringify(loan.body));
    const seed = {
      occurred_on: '2020-01-01T10:15:20-05:00',
      request_id: 'string',
      waiver: { amount: 163333.34, bucket: 'all', config_id: 'DEFAULT_WAIVER_CONFIG', effective_date: '2020-01-01T00:00:00-05:00', percentage: 0.2, reason: 'DEFAULT', type: 'percentage' },
    };
    const res = await system.api.post(`/v1/borrowers/${borrower}/loans/L1/waivers/W1/create`, seed, WAIT);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body, { ...seed.waiver, id: 'W1', kordev_id: 2, loan_id: 'L1', request_id: 'string' });
    const s = await statusAt(borrower, '2020-01-02');
    const detail = s.loans[0].balance_detail.at_calculation_date;
    assert.equal(detail.installment_fee.waived_off, 20000);
    assert.equal(detail.interest.waived_off, 62067.83);
    assert.equal(detail.principal.waived_off, 193645.15);
    // The payoff quote (docs/ledger.md "Payoff"): installment 1 (current) is all waived, the
    // future interest and fees are not owed, so the principal left: 1 200 000 − 193 645.15.
    assert.equal(s.summary.full_payment_amount, 1006354.85);
    assert.equal(s.loans[0].installments[0].is_paid, true);
  });
});

/*
 * python3 (decimal, 50 digits, ROUND_HALF_UP):
 *
 * from decimal import Decimal as D, getcontext, ROUND_HALF_UP
 * from datetime import date
 * getcontext().prec = 50
 * def r2(x): return x.quantize(D('0.01'), rounding=ROUND_HALF_UP)
 * def schedule(P, EA, O, dues, F):
 *     prev, rates = O, []
 *     for d in dues: rates.append((1 + EA) ** (D((d - prev).days) / D(365)) - 1); prev = d
 *     acc, disc = D(1), D(0)
 *     for r in rates: acc /= (1 + r); disc += acc
 *     A = r2(P / disc); B = P; out = []; n = len(dues)
 *     for i, r in enumerate(rates):
 *         it = r2(B * r); pr = max(A - it, D(0)) if i < n - 1 else B; B -= pr
 *         fee = r2(F / n) if i < n - 1 else F - r2(F / n) * (n - 1)
 *         out.append(dict(installment_fee=fee, interest=it, principal=pr))
 *     return A, out
 * A, s = schedule(D(1200000), D('0.25'), date(2024,1,15), [date(2024,m,15) for m in range(2,8)], D(60000))
 * # → A 213304.73, installment 1 interest 22959.17 principal 190345.56, total interest 79828.35
 * A, s = schedule(D(1200000), D('0.3848'), date(2019,12,15), [date(2020,1,15)] + [date(2020,m,15) for m in range(2,7)], D(60000))
 * T = sum(sum(x.values()) for x in s); W = r2(D('0.2') * T)            # → 1378564.90, 275712.98
 * left = W; waived = {'installment_fee': D(0), 'interest': D(0), 'principal': D(0)}
 * for x in s:
 *     for b in ['installment_fee', 'interest', 'principal']:
 *         t = min(x[b], left); waived[b] += t; left -= t            # → 20000.00, 62067.83, 193645.15
 * # late fee test: delinquency interest of 02-16..02-18 on 185987.30 at EA 0.3848:
 * # 3 × (1.3848^(1/365) − 1) × 185987.30 = 497.89
 */

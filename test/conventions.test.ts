import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createLoanBody, startSystem, type System } from './helpers.js';

/*
 * Interest conventions (docs/ledger.md, "Interest conventions") over HTTP against the real
 * processes: a loan config with a nominal rate under each day count, used by
 * `POST /v1/borrowers/loans/simulate`, by a created loan's `get_status` and by the borrower's
 * simulation, gives the schedule the
 * convention's definition gives, to the cent. Figures: packages/ledger/test/fixtures/derive.py,
 * sections "conventions: 10000 at 24 % from 2023-11-15", "conventions: delinquency interest"
 * and "conventions: worked check"
 * (Python Fractions and `decimal`, never the engine).
 */

const WAIT = { prefer: 'wait=15' };
const SEED_ERROR_KEYS = ['code', 'context', 'error', 'status'];
const eod = (day: string) => `${day}T23:59:59.999999-05:00`;

const TEN_THOUSAND = {
  amount_financed: 10000, interest_rate: 0.24, delinquency_interest_rate: 0.24, installment_fee_charge: null,
  origination_date: '2023-11-15T00:00:00-05:00', due_dates: ['2023-12-15', '2024-01-15', '2024-02-15', '2024-03-15'].map(eod),
};
// `delinquency`: derive.py "conventions: delinquency interest", nothing paid, accrued through 2024-03-01.
const BY_DAY_COUNT: Array<{ id: string; dayCount: string; a: number; interest: number[]; principal: number[]; delinquency: number[] }> = [
  { id: 'NOM_ACT_ACT', dayCount: 'actual/actual', a: 2626.01, interest: [197.26, 154.13, 103.66, 49.01], principal: [2428.75, 2471.88, 2522.35, 2577.02], delinquency: [122.7, 74.56, 24.81, 0] },
  { id: 'NOM_ACT_365', dayCount: 'actual/365', a: 2626.17, interest: [197.26, 154.33, 103.94, 49.14], principal: [2428.91, 2471.84, 2522.23, 2577.02], delinquency: [122.98, 74.76, 24.88, 0] },
  { id: 'NOM_ACT_360', dayCount: 'actual/360', a: 2627.94, interest: [200, 156.49, 105.41, 49.84], principal: [2427.94, 2471.45, 2522.53, 2578.08], delinquency: [124.63, 75.79, 25.23, 0] },
  { id: 'NOM_ACT_364', dayCount: 'actual/364', a: 2626.52, interest: [197.8, 154.75, 104.23, 49.28], principal: [2428.72, 2471.77, 2522.29, 2577.22], delinquency: [123.3, 74.97, 24.95, 0] },
  { id: 'NOM_30_360', dayCount: '30/360', a: 2626.24, interest: [200, 151.48, 101.98, 51.49], principal: [2426.24, 2474.76, 2524.26, 2574.74], delinquency: [122.93, 75.89, 26.93, 0] },
];

describe('interest conventions through HTTP', () => {
  let system: System;
  const put = (id: string, body: unknown) =>
    system.api.raw(`/v1/configs/loans/${id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  before(async () => {
    system = await startSystem({ serverWorkerConcurrency: 2 });
  });
  after(async () => {
    await system?.stop();
  });

  it('a bad convention is a 400 naming each field', async () => {
    const res = await put('BAD', { rate_type: 'apr', day_count: '30E/360', interest_method: 'balloon', rounding: 'bankers' });
    assert.equal(res.status, 400, JSON.stringify(res.body));
    assert.deepEqual(Object.keys(res.body).sort(), SEED_ERROR_KEYS);
    for (const f of ['rate_type', 'day_count', 'interest_method', 'rounding']) assert.ok(Object.keys(res.body.context.fields).some((k) => k.endsWith(f)), `${f} in ${JSON.stringify(res.body.context)}`);
    assert.equal((await system.api.get('/v1/configs/loans/BAD')).status, 404, 'nothing stored');
  });

  it('a nominal rate under each day count: the simulation and the created loan give the derived schedule', async () => {
    for (const c of BY_DAY_COUNT) {
      const created = await put(c.id, { rate_type: 'nominal_annual', day_count: c.dayCount });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.day_count, c.dayCount);
      assert.equal(created.body.rate_type, 'nominal_annual');
      const loan = { ...createLoanBody().loan, ...TEN_THOUSAND, config_id: c.id };

      const sim = await system.api.post('/v1/borrowers/loans/simulate', [{ loan, request_id: `q-${c.id}` }]);
      assert.equal(sim.status, 207, JSON.stringify(sim.body));
      assert.deepEqual(sim.body.failed, []);
      const quote = sim.body.succeeded[0];
      assert.equal(quote.summary.fixed_installment_amount, c.a, c.dayCount);
      assert.deepEqual(quote.amortization_plan.map((r: any) => r.interest_payment), c.interest, c.dayCount);
      assert.deepEqual(quote.amortization_plan.map((r: any) => r.principal_payment), c.principal, c.dayCount);

      const B = `B-${c.id}`;
      const res = await system.api.post(`/v1/borrowers/${B}/loans/L1/create?is_migration=true`, { loan, occurred_on: '2023-11-15T10:00:00-05:00', request_id: `r-${c.id}` }, WAIT);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const status = await system.api.get(`/v1/borrowers/${B}/get_status?calculation_date=2023-11-15`);
      assert.equal(status.status, 200, JSON.stringify(status.body));
      const l = status.body.loans[0];
      assert.equal(l.attributes.fixed_installment_amount, c.a, c.dayCount);
      assert.deepEqual(l.installments.map((i: any) => i.buckets.interest.initial_balance), c.interest, c.dayCount);
      assert.deepEqual(l.installments.map((i: any) => i.buckets.principal.initial_balance), c.principal, c.dayCount);

      // Delinquency interest (simple, by the day's year fraction) in the status and in the
      // borrower's simulation on 2024-03-02.
      const later = await system.api.get(`/v1/borrowers/${B}/get_status?calculation_date=2024-03-02`);
      assert.deepEqual(later.body.loans[0].installments.map((i: any) => i.buckets.delinquency_interest.outstanding), c.delinquency, c.dayCount);
      const simulated = await system.api.post(`/v1/borrowers/${B}/simulate`, { calculation_date: '2024-03-02' });
      assert.equal(simulated.status, 200, JSON.stringify(simulated.body));
      assert.deepEqual(simulated.body.loans[0].installments.map((i: any) => i.buckets.delinquency_interest.outstanding), c.delinquency, c.dayCount);
    }
  });

  it('the worked check: 100 at 7 % nominal, 30/360, half_even', async () => {
    assert.equal((await put('CHECK', { rate_type: 'nominal_annual', day_count: '30/360', rounding: 'half_even' })).status, 201);
    const loan = {
      ...createLoanBody().loan, amount_financed: 100, interest_rate: 0.07, delinquency_interest_rate: 0.07, installment_fee_charge: null, config_id: 'CHECK',
      origination_date: '2024-01-01T00:00:00-05:00', due_dates: ['2024-02-01', '2024-03-01', '2024-04-01', '2024-05-01', '2024-06-01', '2024-07-01'].map(eod),
    };
    const sim = await system.api.post('/v1/borrowers/loans/simulate', [{ loan, request_id: 'q-check' }]);
    assert.equal(sim.status, 207, JSON.stringify(sim.body));
    const quote = sim.body.succeeded[0];
    assert.equal(quote.summary.fixed_installment_amount, 17.01);
    assert.deepEqual(quote.amortization_plan.map((r: any) => r.interest_payment), [0.58, 0.49, 0.39, 0.29, 0.2, 0.1]);
  });
});

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import pg from 'pg';
import { borrowerEventsSchema, borrowerStatusSchema, simulateLoansResultSchema } from '@lsl/contracts';
import { createLoanBody, paymentBody, startSystem, type System } from './helpers.js';

/*
 * Kordev's read surface against the running system (docs/reads.md, docs/events.md): get_status's
 * request_id, get_events (every operation's domain event, grouped, filtered, paged, back-dating)
 * and simulate loans (the plan a created loan gets; items fail alone; usury as at creation).
 */

const MIG = '?is_migration=true';
const WAIT = { prefer: 'wait=10' };
const B = 'B-events';

const ok = (res: { status: number; body: unknown }, status = 200) => assert.equal(res.status, status, JSON.stringify(res.body));

describe("Kordev's reads: get_status request_id, get_events, simulate loans", () => {
  let system: System;
  const post = (path: string, body: unknown) => system.api.post(path, body, WAIT);

  before(async () => {
    system = await startSystem({ serverWorkerConcurrency: 2 });
    ok(await post(`/v1/borrowers/${B}/loans/L1/create${MIG}`, createLoanBody({ request_id: 'r-L1' })));
    ok(await post(`/v1/borrowers/${B}/payments/P2/create${MIG}`, paymentBody(50000, '2024-03-01', 'r-P2')));
    ok(await post(`/v1/borrowers/${B}/loans/L1/waivers/W1/create${MIG}`, {
      waiver: { bucket: 'interest', type: 'amount', amount: 100, effective_date: '2024-03-05T00:00:00-05:00' }, occurred_on: '2024-03-05T09:00:00-05:00', request_id: 'r-W1',
    }));
    // Back-dated: effective before P2 and W1, which the ledger replays after it.
    ok(await post(`/v1/borrowers/${B}/payments/P1/create${MIG}`, paymentBody(229630.19, '2024-02-10', 'r-P1')));
    ok(await post(`/v1/borrowers/loans/transfer_ownership${MIG}`, [{
      borrower_id: B, loan_id: 'L1', occurred_on: '2024-03-10T08:00:00-05:00', ownership_transfer: { effective_date: '2024-03-10T00:00:00-05:00', new_owner: 'BANK_2' }, request_id: 'r-T1',
    }]), 207);
    ok(await post(`/v1/borrowers/${B}/loans/L2/create${MIG}`, createLoanBody({ request_id: 'r-L2' }, { origination_date: '2024-03-01T00:00:00-05:00', due_dates: ['2024-04-01T23:59:59.999999-05:00'] })));
    ok(await post(`/v1/borrowers/${B}/loans/L2/cancel${MIG}`, { loan_cancellation: { effective_date: '2024-03-12T00:00:00-05:00' }, occurred_on: '2024-03-12T10:00:00-05:00', request_id: 'r-X2' }));
    ok(await post(`/v1/borrowers/${B}/loans/consolidations/C1/create${MIG}`, {
      loan_consolidation: {
        consolidation_config: 'DEFAULT', delinquency_interest_rate: 0.3848, interest_rate: 0.3848, loan_config: 'DEFAULT', original_loans: ['L1'], owner: 'BANK_3',
        effective_date: '2024-03-15T00:00:00-05:00', due_dates: ['2024-04-15T23:59:59.999999-05:00', '2024-05-15T23:59:59.999999-05:00'],
      },
      occurred_on: '2024-03-15T08:00:00-05:00', request_id: 'r-C1',
    }));
  });
  after(async () => {
    await system?.stop();
  });

  it('get_status echoes request_id (null without one), with chargeoff_date and installment_amount_at_origination', async () => {
    const withId = await system.api.get(`/v1/borrowers/${B}/get_status?calculation_date=2024-03-02&request_id=abc-1`);
    ok(withId);
    assert.equal(withId.body.request_id, 'abc-1');
    assert.ok(borrowerStatusSchema.safeParse(withId.body).success);
    const without = await system.api.get(`/v1/borrowers/${B}/get_status?calculation_date=2024-03-02`);
    assert.equal(without.body.request_id, null);
    const { request_id: _a, ...rest1 } = withId.body;
    const { request_id: _b, ...rest2 } = without.body;
    assert.deepEqual(rest1, rest2, 'the request id changes nothing else');
    assert.notEqual(withId.headers.get('etag'), without.headers.get('etag'), 'different bodies, different ETags');
    const other = await system.api.get(`/v1/borrowers/${B}/get_status?calculation_date=2024-03-02&request_id=abc-2`);
    assert.equal(other.body.request_id, 'abc-2');
    const l1 = withId.body.loans.find((l: any) => l.attributes.id === 'L1');
    assert.equal(l1.attributes.chargeoff_date, null);
    assert.equal(l1.attributes.installment_amount_at_origination, 229630.19);
    const twice = await system.api.get(`/v1/borrowers/${B}/get_status?request_id=a&request_id=b`);
    assert.equal(twice.status, 400);
    assert.ok('query.request_id' in twice.body.context.fields);
  });

  it('get_events: one domain event per operation, grouped as Kordev groups them', async () => {
    const res = await system.api.get(`/v1/borrowers/${B}/get_events`);
    ok(res);
    assert.ok(borrowerEventsSchema.safeParse(res.body).success, JSON.stringify(res.body).slice(0, 500));
    const e = res.body.events;
    assert.equal(res.body.borrower_id, B);
    assert.equal(res.body.next_cursor, null);
    for (const group of ['loan_restructured', 'loan_charged_off', 'payment_reversed', 'positive_balance_reimbursed']) assert.deepEqual(e[group], [], group);
    assert.deepEqual(e.loan_originated.map((x: any) => x.loan_id), ['L1', 'L2', 'C1']);
    assert.deepEqual(e.payment_applied.map((x: any) => [x.payment_id, x.effective_date, x.back_dated, x.replayed_operations]), [
      ['P2', '2024-03-01', false, 0],
      ['P1', '2024-02-10', true, 2],
    ]);
    assert.ok(e.payment_applied.every((x: any) => !('loan_id' in x)), 'a payment is no single loan\'s');
    assert.deepEqual(e.waiver_applied.map((x: any) => [x.loan_id, x.waiver_id, x.waived_amount]), [['L1', 'W1', 100]]);
    assert.deepEqual(e.loan_ownership_transferred.map((x: any) => [x.loan_id, x.previous_owner, x.new_owner]), [['L1', 'BANK_1', 'BANK_2']]);
    assert.deepEqual(e.loan_cancelled.map((x: any) => [x.loan_id, x.effective_date]), [['L2', '2024-03-12']]);
    assert.deepEqual(e.loan_consolidated.map((x: any) => [x.loan_id, x.consolidation_id]), [['L1', 'C1']]);
    assert.equal(e.loan_consolidated[0].carried_amount, e.loan_originated[2].amount_financed);
    // The envelope: the operation that caused it, as GET /v1/operations names it.
    const created = e.loan_originated[0];
    assert.match(created.id, /^[0-9a-f-]{36}$/);
    const op = await system.api.get(`/v1/operations/${created.operation_id}`);
    assert.equal(op.body.type, 'create_loan');
    assert.equal(op.body.request_id, 'r-L1');
    assert.equal(created.occurred_on, new Date('2024-01-15T10:15:20-05:00').toISOString(), 'when the operation was recorded (is_migration: occurred_on)');
    assert.equal(created.kordev_id, 1);
  });

  it('get_events: the stored events are the ledger\'s and operation events share the log without showing here', async () => {
    const client = new pg.Client({ connectionString: system.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query(`select type, count(*)::int as n from events where borrower_id = $1 group by type order by type`, [B]);
      const byType = Object.fromEntries(rows.map((r) => [r.type, r.n]));
      assert.equal(byType['operation.succeeded'], 8);
      assert.equal(byType['payment.applied'], 2);
    } finally {
      await client.end();
    }
  });

  it('get_events: by type (either spelling), by effective date, and paged by cursor', async () => {
    const byType = await system.api.get(`/v1/borrowers/${B}/get_events?type=payment_applied,loan.cancelled`);
    ok(byType);
    assert.equal(byType.body.events.payment_applied.length, 2);
    assert.equal(byType.body.events.loan_cancelled.length, 1);
    assert.deepEqual(byType.body.events.loan_originated, []);
    const byDate = await system.api.get(`/v1/borrowers/${B}/get_events?from_date=2024-03-01&to_date=2024-03-10`);
    const days = Object.values(byDate.body.events).flat().map((x: any) => x.effective_date).sort();
    assert.deepEqual(days, ['2024-03-01', '2024-03-01', '2024-03-05', '2024-03-10']);
    const all = await system.api.get(`/v1/borrowers/${B}/get_events`);
    const flat = (body: any) => Object.values(body.events).flat().map((x: any) => x.id);
    const paged: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await system.api.get(`/v1/borrowers/${B}/get_events?limit=3${cursor === null ? '' : `&cursor=${cursor}`}`);
      ok(page);
      paged.push(...flat(page.body));
      cursor = page.body.next_cursor;
      pages += 1;
    } while (cursor !== null);
    assert.equal(pages, 3, 'nine events (three loans originated, two payments, a waiver, a transfer, a cancellation, a consolidation) in pages of 3, no empty last page');
    assert.deepEqual(paged.sort(), flat(all.body).sort());
  });

  it('get_events: bad parameters are 400 naming each one; an unknown borrower is 404', async () => {
    for (const [query, field] of [['limit=0', 'limit'], ['limit=1001', 'limit'], ['type=operation.succeeded', 'type'], ['type=nope', 'type'], ['from_date=2024-02-30', 'from_date'], ['from_date=2024-03-02&to_date=2024-03-01', 'to_date'], ['cursor=abc', 'cursor'], ['type=a&type=b', 'type']]) {
      const res = await system.api.get(`/v1/borrowers/${B}/get_events?${query}`);
      assert.equal(res.status, 400, `${query}: ${JSON.stringify(res.body)}`);
      assert.deepEqual(Object.keys(res.body).sort(), ['code', 'context', 'error', 'status']);
      assert.ok(`query.${field}` in res.body.context.fields, `${query}: ${JSON.stringify(res.body)}`);
    }
    const unknown = await system.api.get('/v1/borrowers/NO-SUCH/get_events');
    assert.equal(unknown.status, 404);
  });

  it('simulate loans: the plan, attributes and summary; figures derived independently', async () => {
    const loan = createLoanBody({}, { due_dates: ['2024-02-15T23:59:59.999999-05:00', '2024-03-15T23:59:59.999999-05:00'] }).loan;
    const res = await system.api.post('/v1/borrowers/loans/simulate', [{ loan, request_id: 'q1' }]);
    ok(res, 207);
    assert.ok(simulateLoansResultSchema.safeParse(res.body).success, JSON.stringify(res.body));
    assert.deepEqual(res.body.failed, []);
    const q = res.body.succeeded[0];
    assert.equal(q.request_id, 'q1');
    // python3 decimal: r1 = 1.3848^(31/365) − 1, r2 = 1.3848^(29/365) − 1,
    // A = round(1 200 000 / (1/(1+r1) + 1/((1+r1)(1+r2)))) = 624 798.38; i1 = 33 642.89,
    // p1 = 591 155.49, i2 = round(608 844.51 × r2) = 15 953.86; fee 60 000 / 2.
    assert.deepEqual(q.amortization_plan.map((r: any) => [r.start_date, r.end_date, r.principal_payment, r.interest_payment, r.installment_fee_payment]), [
      ['2024-01-15', '2024-02-15', 591155.49, 33642.89, 30000],
      ['2024-02-15', '2024-03-15', 608844.51, 15953.86, 30000],
    ]);
    assert.equal(q.summary.fixed_installment_amount, 624798.38);
    assert.equal(q.summary.total_interest, 49596.75);
    assert.equal(q.summary.total, 1309596.75);
    assert.equal(q.attributes.amount_financed, 1200000);
    assert.equal(q.attributes.interest_rate, 0.3848);
    // Nothing recorded: no borrower came to exist.
    assert.equal((await system.api.get('/v1/borrowers/simulation/get_status')).status, 404);
  });

  it('simulate loans: the plan is the schedule the created loan gets (random loans)', async () => {
    const loans = fc.sample(fc.record({
      cents: fc.integer({ min: 10_000, max: 500_000_000 }),
      rate: fc.integer({ min: 0, max: 9000 }).map((x) => x / 10000),
      gaps: fc.array(fc.integer({ min: 5, max: 45 }), { minLength: 1, maxLength: 18 }),
      fee: fc.option(fc.integer({ min: 100, max: 1_000_000 }).map((c) => c / 100), { nil: null }),
      daily: fc.option(fc.integer({ min: 1, max: 10_000 }).map((c) => c / 100), { nil: null }),
    }), { numRuns: 4, seed: 12 });
    for (const [k, l] of loans.entries()) {
      const dues: string[] = [];
      let t = Date.parse('2024-01-15T00:00:00Z');
      for (const g of l.gaps) dues.push(`${new Date((t += g * 86_400_000)).toISOString().slice(0, 10)}T23:59:59.999999-05:00`);
      const loan = { ...createLoanBody().loan, amount_financed: l.cents / 100, interest_rate: l.rate, due_dates: dues, installment_fee_charge: l.fee, daily_fee_charge: l.daily };
      const sim = await system.api.post('/v1/borrowers/loans/simulate', [{ loan, request_id: `r${k}` }]);
      ok(sim, 207);
      const quote = sim.body.succeeded[0];
      ok(await post(`/v1/borrowers/B-random-${k}/loans/L/create`, { loan, request_id: `r${k}` }));
      const status = (await system.api.get(`/v1/borrowers/B-random-${k}/get_status?calculation_date=2024-01-15`)).body.loans[0];
      assert.equal(quote.summary.fixed_installment_amount, status.attributes.fixed_installment_amount);
      assert.equal(quote.summary.installment_amount_at_origination, status.attributes.installment_amount_at_origination);
      assert.deepEqual(quote.attributes.due_dates, status.attributes.due_dates);
      assert.deepEqual(
        quote.amortization_plan.map((r: any) => [r.principal_payment, r.interest_payment, r.installment_fee_payment, r.installment_fee_2_payment]),
        status.installments.map((i: any) => [i.buckets.principal.initial_balance, i.buckets.interest.initial_balance, i.buckets.installment_fee.initial_balance, i.buckets.installment_fee_2.initial_balance]),
      );
    }
  });

  it('simulate loans: an invalid item fails alone; usury cap and reject come from the loan config, as at creation', async () => {
    ok(await system.api.raw('/v1/configs/loans/USURY-REJECT', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ usury_rate: 0.3, usury_behavior: 'reject' }) }), 201);
    ok(await system.api.raw('/v1/configs/loans/USURY-CAP', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ usury_rate: 0.3, usury_behavior: 'cap' }) }), 201);
    const base = createLoanBody().loan;
    const res = await system.api.post('/v1/borrowers/loans/simulate', [
      { loan: base, request_id: 'good' },
      { loan: { ...base, amount_financed: -5, due_dates: [] }, request_id: 'invalid' },
      { loan: { ...base, config_id: 'USURY-REJECT' }, request_id: 'rejected' },
      { loan: { ...base, config_id: 'USURY-CAP' }, request_id: 'capped' },
      { loan: { ...base, config_id: 'NO-SUCH-CONFIG' }, request_id: 'unknown-config' },
      { loan: { ...base, origination_date: '2024-03-01T00:00:00-05:00' }, request_id: 'dates-before-origination' },
    ]);
    ok(res, 207);
    assert.deepEqual(res.body.succeeded.map((s: any) => s.request_id), ['good', 'capped']);
    assert.deepEqual(res.body.failed.map((f: any) => [f.request_id, f.status_code]), [['invalid', 400], ['rejected', 400], ['unknown-config', 400], ['dates-before-origination', 400]]);
    for (const f of res.body.failed) {
      assert.equal(typeof f.error_detail, 'string');
      assert.deepEqual(Object.keys(f.error).sort(), ['code', 'context', 'error', 'status']);
    }
    assert.ok('loan.amount_financed' in res.body.failed[0].error.context.fields);
    assert.equal(res.body.failed[1].error.context.usury_rate, 0.3);
    const capped = res.body.succeeded[1];
    assert.equal(capped.attributes.interest_rate, 0.3);
    assert.deepEqual(capped.attributes.interest_rates.fixed.interest_rate, 0.3848);
    assert.ok(capped.summary.total_interest < res.body.succeeded[0].summary.total_interest);
  });

  it('simulate loans: a body that is not a non-empty array of at most 100 is one 400', async () => {
    for (const body of [{}, [], new Array(101).fill({ loan: createLoanBody().loan })]) {
      const res = await system.api.post('/v1/borrowers/loans/simulate', body);
      assert.equal(res.status, 400, JSON.stringify(res.body).slice(0, 300));
      assert.deepEqual(Object.keys(res.body).sort(), ['code', 'context', 'error', 'status']);
    }
    const text = await system.api.raw('/v1/borrowers/loans/simulate', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[{' });
    assert.equal(text.status, 400);
  });
});

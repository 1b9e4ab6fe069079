import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import pg from 'pg';
import { createLoanBody, paymentBody, startSystem, type System } from './helpers.js';

/*
 * Simulate a borrower (docs/reads.md) against the running system: the state as of everything
 * accepted (applied or still queued) plus the given payments and waivers, applied in memory;
 * nothing written, nothing enqueued; and a simulated future equals the real one to the cent.
 */

const MIG = '?is_migration=true';
const WAIT = { prefer: 'wait=15' };

const withoutEcho = (body: any) => {
  const { request_id: _r, pending_operations: _p, simulated_operations: _s, ...status } = body;
  return status;
};

describe('simulate borrower', () => {
  let system: System;
  let client: pg.Client;
  const count = async (sql: string, borrower: string) => Number((await client.query(sql, [borrower])).rows[0].n);

  before(async () => {
    // No worker yet: the first test needs operations that stay queued.
    system = await startSystem({ serverWorkerConcurrency: 0 });
    client = new pg.Client({ connectionString: system.databaseUrl });
    await client.connect();
  });
  after(async () => {
    await client?.end();
    await system?.stop();
  });

  it('includes and counts operations still queued; writes and enqueues nothing', async () => {
    const B = 'B-pending';
    assert.equal((await system.api.post(`/v1/borrowers/${B}/loans/L1/create${MIG}`, createLoanBody())).status, 202);
    assert.equal((await system.api.post(`/v1/borrowers/${B}/payments/P1/create${MIG}`, paymentBody(150000, '2024-02-25', 'r-P1'))).status, 202);
    const simulate = { calculation_date: '2024-03-01', waivers: [{ loan_id: 'L1', waiver_id: 'W1', bucket: 'installment_fee', type: 'amount', amount: 5000, effective_date: '2024-02-26T00:00:00-05:00' }], request_id: 'what-if' };
    const res = await system.api.post(`/v1/borrowers/${B}/simulate`, simulate);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.pending_operations, 2);
    assert.equal(res.body.request_id, 'what-if');
    assert.deepEqual(res.body.simulated_operations.map((o: any) => [o.type, o.id, o.status_code]), [['create_waiver', 'W1', 200]]);
    assert.equal(res.body.payments[0].id, 'P1', 'the queued payment is in the simulation');
    assert.equal(res.body.loans[0].balance_detail.at_calculation_date.installment_fee.waived_off, 5000);
    // Nothing written: still two queued operations, no ledger row, no event.
    assert.equal(await count('select count(*) as n from operations where borrower_id = $1', B), 2);
    assert.equal(await count("select count(*) as n from operations where borrower_id = $1 and status = 'queued'", B), 2);
    assert.equal(await count('select count(*) as n from borrower_ledgers where borrower_id = $1', B), 0);
    assert.equal(await count('select count(*) as n from events where borrower_id = $1', B), 0);

    // The real future: the worker applies both, then the same waiver is submitted for real.
    await system.startWorker();
    const waiver = await system.api.post(`/v1/borrowers/${B}/loans/L1/waivers/W1/create`, { waiver: simulate.waivers[0], request_id: 'real' }, WAIT);
    assert.equal(waiver.status, 200, JSON.stringify(waiver.body));
    const real = await system.api.get(`/v1/borrowers/${B}/get_status?calculation_date=2024-03-01`);
    assert.deepEqual(withoutEcho(res.body), withoutEcho(real.body));
    const after = await system.api.post(`/v1/borrowers/${B}/simulate`, { calculation_date: '2024-03-01' });
    assert.equal(after.body.pending_operations, 0);
  });

  it('property: simulating payments and waivers, then submitting them, gives the same status to the cent', async () => {
    const day = (offset: number) => new Date(Date.parse('2024-01-16T00:00:00Z') + offset * 86_400_000).toISOString().slice(0, 10);
    const paymentArb = fc.record({ cents: fc.integer({ min: 1_000, max: 60_000_000 }), offset: fc.integer({ min: 0, max: 150 }), allocate: fc.boolean() });
    const waiverArb = fc.record({
      scope: fc.constantFrom('installment_fee', 'interest', 'all', 'overdue_principal', 'current_installment', 'delinquency_interest'),
      amount: fc.oneof(fc.record({ type: fc.constant('amount'), amount: fc.integer({ min: 100, max: 3_000_000 }).map((c) => c / 100) }), fc.record({ type: fc.constant('percentage'), percentage: fc.integer({ min: 0, max: 20 }).map((x) => x / 20) })),
      offset: fc.integer({ min: 0, max: 150 }),
    });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(paymentArb, { minLength: 1, maxLength: 3 }), fc.array(waiverArb, { maxLength: 2 }), fc.integer({ min: 0, max: 200 }), async (payments, waivers, calc) => {
        run += 1;
        const B = `B-prop-${run}`;
        const created = await system.api.post(`/v1/borrowers/${B}/loans/L1/create${MIG}`, createLoanBody(), WAIT);
        assert.equal(created.status, 200, JSON.stringify(created.body));
        const body = {
          calculation_date: day(calc),
          payments: payments.map((p, i) => ({ payment_id: `P${i}`, amount_paid: p.cents / 100, payment_date: `${day(p.offset)}T12:00:00-05:00` })),
          allocations: payments.flatMap((p, i) => (p.allocate ? [{ payment_id: `P${i}`, payment_allocations: [{ loan_id: 'L1', amount: p.cents / 100 }] }] : [])),
          waivers: waivers.map((w, i) => ({ loan_id: 'L1', waiver_id: `W${i}`, bucket: w.scope, ...w.amount, effective_date: `${day(w.offset)}T00:00:00-05:00` })),
          request_id: `sim-${run}`,
        };
        const simulated = await system.api.post(`/v1/borrowers/${B}/simulate`, body);
        assert.equal(simulated.status, 200, JSON.stringify(simulated.body));

        const codes: number[] = [];
        for (const [i, p] of body.payments.entries()) {
          const allocation = body.allocations.find((a) => a.payment_id === p.payment_id);
          const res = await system.api.post(`/v1/borrowers/${B}/payments/${p.payment_id}/create`, {
            payment: { amount_paid: p.amount_paid, payment_date: p.payment_date }, payment_allocations: allocation?.payment_allocations ?? null, request_id: `real-${i}`,
          }, WAIT);
          codes.push(res.status);
        }
        for (const w of body.waivers) {
          const { loan_id, waiver_id, ...waiver } = w;
          const res = await system.api.post(`/v1/borrowers/${B}/loans/${loan_id}/waivers/${waiver_id}/create`, { waiver, request_id: 'real' }, WAIT);
          codes.push(res.status);
        }
        assert.deepEqual(simulated.body.simulated_operations.map((o: any) => o.status_code), codes, 'each operation succeeds or is refused alike');
        const real = await system.api.get(`/v1/borrowers/${B}/get_status?calculation_date=${body.calculation_date}`);
        assert.deepEqual(withoutEcho(simulated.body), withoutEcho(real.body));
      }),
      { numRuns: 5, seed: 20260, endOnFailure: true },
    );
  });

  it('refuses what intake would refuse, naming the field, and unknown borrowers', async () => {
    const B = 'B-prop-1';
    const cases: Array<[unknown, string]> = [
      [{ restructurings: [{ loan_id: 'L1' }] }, 'restructurings'],
      [{ payments: [{ payment_id: 'P9', amount_paid: -1, payment_date: '2024-02-01T00:00:00-05:00' }] }, 'payments[0].amount_paid'],
      [{ payments: [{ payment_id: 'P9', amount_paid: 1, payment_date: 'tomorrow' }] }, 'payments[0].payment_date'],
      [{ payments: [{ payment_id: 'P9', amount_paid: 10, payment_date: '2024-02-01T00:00:00-05:00' }], allocations: [{ payment_id: 'P9', payment_allocations: [{ loan_id: 'L1', amount: 9 }] }] }, 'allocations[0].payment_allocations'],
      [{ allocations: [{ payment_id: 'NOPE', payment_allocations: [] }] }, 'allocations[0].payment_id'],
      [{ payments: [{ payment_id: 'P9', amount_paid: 1, payment_date: '2024-02-01T00:00:00-05:00' }, { payment_id: 'P9', amount_paid: 1, payment_date: '2024-02-01T00:00:00-05:00' }] }, 'payments[1].payment_id'],
      [{ payments: [{ payment_id: 'P9', amount_paid: 1, payment_date: '2024-02-01T00:00:00-05:00', config_id: 'NO-SUCH' }] }, 'payments[0].config_id'],
      [{ waivers: [{ loan_id: 'L1', waiver_id: 'W9', bucket: 'everything', type: 'amount', amount: 1, effective_date: '2024-02-01T00:00:00-05:00' }] }, 'waivers[0].bucket'],
      [{ calculation_date: '2024-02-30' }, 'calculation_date'],
      [{ calculation_date: '1850-01-01' }, 'calculation_date'],
      [{ payments: 'none' }, 'payments'],
    ];
    for (const [body, field] of cases) {
      const res = await system.api.post(`/v1/borrowers/${B}/simulate`, body);
      assert.equal(res.status, 400, `${JSON.stringify(body)}: ${JSON.stringify(res.body)}`);
      assert.deepEqual(Object.keys(res.body).sort(), ['code', 'context', 'error', 'status']);
      assert.ok(field in (res.body.context.fields ?? {}), `${field} in ${JSON.stringify(res.body)}`);
    }
    // An id the borrower already used: submitting it would replay the first, not apply again.
    const reused = await system.api.post(`/v1/borrowers/${B}/simulate`, { payments: [{ payment_id: 'P0', amount_paid: 1, payment_date: '2024-02-01T00:00:00-05:00' }] });
    assert.equal(reused.status, 409, JSON.stringify(reused.body));
    assert.ok('payments[0].payment_id' in reused.body.context.fields);
    const unknown = await system.api.post('/v1/borrowers/NO-SUCH/simulate', {});
    assert.equal(unknown.status, 404);
    const refused = await system.api.post(`/v1/borrowers/${B}/simulate`, { waivers: [{ loan_id: 'NO-LOAN', waiver_id: 'W9', bucket: 'all', type: 'amount', amount: 1, effective_date: '2024-02-01T00:00:00-05:00' }] });
    assert.equal(refused.status, 200, 'a refusal the ledger decides is the operation\'s result, as for a submission');
    assert.equal(refused.body.simulated_operations[0].status_code, 404);
  });
});

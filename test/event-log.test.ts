import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { createLoanBody, paymentBody, startSystem, type System } from './helpers.js';

// The event log is the outbox behind webhooks and get_events (docs/events.md): an operation's
// events are committed with its result, in the order they happened.
describe('event log', () => {
  let system: System;
  let client: pg.Client;
  before(async () => {
    system = await startSystem({ serverWorkerConcurrency: 2 });
    client = new pg.Client({ connectionString: system.databaseUrl });
    await client.connect();
  });
  after(async () => {
    await client?.end();
    await system?.stop();
  });

  it('records operation.succeeded and operation.failed with the operation as GET returns it', async () => {
    const created = await system.api.post('/v1/borrowers/B-ev/loans/L1/create?is_migration=true', createLoanBody());
    const cancelUnknown = await system.api.post('/v1/borrowers/B-ev/loans/NOPE/cancel', { loan_cancellation: {}, occurred_on: '2024-01-20T10:00:00-05:00', request_id: 'rc' });
    const paid = await system.api.post('/v1/borrowers/B-ev/payments/P1/create', paymentBody(1000, '2024-02-01', 'rp'));
    for (const res of [created, cancelUnknown, paid]) assert.equal(res.status, 202, JSON.stringify(res.body));
    const ops: any[] = [];
    for (const res of [created, cancelUnknown, paid]) ops.push(await system.api.waitForOperation(res.body.operation_id));
    assert.deepEqual(ops.map((op) => op.status), ['succeeded', 'failed', 'succeeded']);

    const { rows } = await client.query(
      `select type, operation_id, payload from events where borrower_id = $1 and type like 'operation.%' order by position`,
      ['B-ev'],
    );
    assert.deepEqual(rows.map((r) => [r.type, r.operation_id]), [
      ['operation.succeeded', ops[0].id],
      ['operation.failed', ops[1].id],
      ['operation.succeeded', ops[2].id],
    ]);
    rows.forEach((row, i) => assert.deepEqual(row.payload, ops[i]));
  });

  it('writes nothing for an operation refused at intake', async () => {
    const bad = await system.api.post('/v1/borrowers/B-ev-bad/loans/L1/create', createLoanBody({}, { amount_financed: -1 }));
    assert.equal(bad.status, 400);
    const { rows } = await client.query(`select count(*)::int as n from events where borrower_id = $1`, ['B-ev-bad']);
    assert.equal(rows[0].n, 0);
  });
});

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { batchAcceptedSchema, batchStatusSchema, OPERATIONS_BATCH_PATH } from '@lsl/contracts';
import { createLoanBody, paymentBody, startSystem, type System } from './helpers.js';

/*
 * The bulk route (docs/api.md "The bulk route"): each item names an operation route and is
 * recorded as if sent alone; invalid items fail at once and alone; the batch answers 202, then
 * the 207 at GET /v1/batches/{id}, or the 207 at once under `Prefer: wait`.
 */

const MIG = '?is_migration=true';
const loanItem = (borrowerId: string, loanId = 'L1') => ({ method: 'POST', path: `/v1/borrowers/${borrowerId}/loans/${loanId}/create`, body: createLoanBody() });
const paymentItem = (borrowerId: string, paymentId: string, amount: number, day: string) => ({
  method: 'POST',
  path: `/v1/borrowers/${borrowerId}/payments/${paymentId}/create`,
  body: paymentBody(amount, day, paymentId),
});

describe('POST /v1/operations/batch', () => {
  let system: System;
  before(async () => {
    system = await startSystem();
  });
  after(async () => {
    await system?.stop();
  });

  it('records each borrower\'s items in item order, with others interleaved, and answers the 207 under Prefer: wait', async () => {
    const items = [
      loanItem('BB-1'),
      loanItem('BB-2'),
      paymentItem('BB-1', 'P1', 100000, '2024-02-10'),
      paymentItem('BB-2', 'P1', 50000, '2024-02-11'),
      paymentItem('BB-1', 'P2', 200000, '2024-03-10'),
    ];
    const res = await system.api.post(`${OPERATIONS_BATCH_PATH}${MIG}`, items, { Prefer: 'wait=20' });
    assert.equal(res.status, 207, JSON.stringify(res.body));
    const status = batchStatusSchema.parse(res.body);
    assert.equal(status.succeeded?.length, 5);
    assert.deepEqual(status.failed, []);
    const client = new pg.Client({ connectionString: system.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ borrower_id: string; seq: string; type: string; batch_index: number; result_body: { kordev_id: number } }>(
        `select borrower_id, seq, type, batch_index, result_body from operations where borrower_id like 'BB-%' order by borrower_id, seq`,
      );
      assert.deepEqual(
        rows.map((r) => [r.borrower_id, Number(r.seq), r.batch_index, r.result_body.kordev_id]),
        [['BB-1', 1, 0, 1], ['BB-1', 2, 2, 2], ['BB-1', 3, 4, 3], ['BB-2', 1, 1, 1], ['BB-2', 2, 3, 2]],
      );
    } finally {
      await client.end();
    }
  });

  it('fails a bad path, a wrong method, an invalid body and a malformed item alone; the rest is accepted', async () => {
    const items = [
      loanItem('BB-3'),
      { method: 'POST', path: '/v1/borrowers/BB-3/nothing/here', body: {} },
      { method: 'GET', path: '/v1/borrowers/BB-3/loans/L2/create', body: createLoanBody() },
      { method: 'POST', path: '/v1/borrowers/BB-3/payments/P1/create', body: { ...paymentBody(1000, '2024-02-10', 'bad'), payment: { amount_paid: 'lots' } } },
      { method: 'POST', body: {} },
      'not an object',
      { method: 'POST', path: OPERATIONS_BATCH_PATH, body: [] },
    ];
    const res = await system.api.post(`${OPERATIONS_BATCH_PATH}${MIG}`, items);
    assert.equal(res.status, 202, JSON.stringify(res.body));
    const accepted = batchAcceptedSchema.parse(res.body);
    assert.equal(res.headers.get('location'), `/v1/batches/${accepted.batch_id}`);
    assert.deepEqual(accepted.items.map((i) => [i.index, i.status, i.operation_id !== null]), [
      [0, 'queued', true],
      [1, 'failed', false],
      [2, 'failed', false],
      [3, 'failed', false],
      [4, 'failed', false],
      [5, 'failed', false],
      [6, 'failed', false],
    ]);
    // Each item failed at intake carries its error body, as its route alone would answer.
    assert.deepEqual(accepted.items.slice(1).map((i) => [i.error?.code, i.error?.status]), [
      [4041, 'Not Found'],
      [4050, 'Method Not Allowed'],
      [4000, 'Bad Request'],
      [4000, 'Bad Request'],
      [4000, 'Bad Request'],
      [4041, 'Not Found'],
    ]);
    const done = await waitForBatch(system, accepted.batch_id);
    assert.equal(done.status, 207);
    const failed = batchStatusSchema.parse(done.body).failed ?? [];
    assert.deepEqual(failed.map((f) => f.status_code), [404, 405, 400, 400, 400, 404]);
    assert.equal(failed[0]!.borrower_id, null);
    assert.equal(failed[1]!.borrower_id, 'BB-3');
    assert.match(failed[2]!.error_detail, /payment\.amount_paid/);
    assert.match(failed[3]!.error_detail, /path/);
  });

  it('treats an item as its operation sent alone: a replay of the same body, a 409 for the same key with another body', async () => {
    const alone = await system.api.post(`/v1/borrowers/BB-4/loans/L1/create${MIG}`, createLoanBody());
    assert.equal(alone.status, 202);
    const other = createLoanBody({}, { amount_financed: 999900 });
    const res = await system.api.post(`${OPERATIONS_BATCH_PATH}${MIG}`, [
      loanItem('BB-4'),
      { method: 'POST', path: '/v1/borrowers/BB-4/loans/L1/create', body: other },
      loanItem('BB-5'),
      loanItem('BB-5'),
    ]);
    assert.equal(res.status, 202, JSON.stringify(res.body));
    const items = batchAcceptedSchema.parse(res.body).items;
    assert.equal(items[0]!.operation_id, alone.body.operation_id, 'the same key and body is the operation sent alone');
    assert.equal(items[1]!.status, 'failed');
    assert.deepEqual([items[1]!.error?.code, (items[1]!.error?.context as { operation_id?: string }).operation_id], [4091, alone.body.operation_id]);
    assert.equal(items[2]!.operation_id, items[3]!.operation_id, 'two items with one key and one body are one operation');
    const done = await waitForBatch(system, res.body.batch_id);
    const failed = batchStatusSchema.parse(done.body).failed ?? [];
    assert.deepEqual(failed.map((f) => [f.borrower_id, f.status_code]), [['BB-4', 409]]);
  });

  it('refuses the whole request when it is not an array of 1 to 1,000 items or its query is bad', async () => {
    const tooMany = Array.from({ length: 1001 }, (_, i) => paymentItem('BB-6', `P${i}`, 100, '2024-02-10'));
    for (const [body, query, field] of [
      [tooMany, MIG, 'body'],
      [[], MIG, 'body'],
      [{ method: 'POST' }, MIG, 'body'],
      [[loanItem('BB-6')], '?is_migration=maybe', 'is_migration'],
    ] as const) {
      const res = await system.api.post(`${OPERATIONS_BATCH_PATH}${query}`, body);
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.code, 4000);
      assert.ok(Object.keys(res.body.context.fields).some((f) => f.startsWith(field)), JSON.stringify(res.body));
    }
    const client = new pg.Client({ connectionString: system.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query(`select 1 from operations where borrower_id = 'BB-6'`);
      assert.equal(rows.length, 0, 'nothing of a refused batch is recorded');
    } finally {
      await client.end();
    }
  });
});

async function waitForBatch(system: System, batchId: string): Promise<{ status: number; body: unknown }> {
  for (let i = 0; i < 200; i++) {
    const res = await system.api.get(`/v1/batches/${batchId}`);
    if (res.status !== 202) return res;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`batch ${batchId} not done`);
}

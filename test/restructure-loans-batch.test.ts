import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { batchAcceptedSchema, batchStatusSchema, OPERATIONS_BATCH_PATH, RESTRUCTURE_LOANS_BATCH_PATH } from '@lsl/contracts';
import { partitionOf, partitionPrefix, partitionQueueName } from '@lsl/queue';
import { createLoanBody, paymentBody, startSystem, type Api, type System } from './helpers.js';

/*
 * The restructure-loans batch through the whole system (docs/ledger.md "Restructure loans
 * (batch)", docs/api.md "Batches"): each item recorded as the single restructuring, 202 with
 * the batch, then the 207 at GET /v1/batches/{id}; and every batch route finishing when items
 * reuse a key, in the same batch or taken earlier (each such item ends failed or as the
 * operation it replays, never left pending). Figures: packages/ledger/test/fixtures/derive.py
 * "restructuring" (as test/lifecycle.test.ts).
 */

const MIG = '?is_migration=true';
const WAIT = { prefer: 'wait=20' };
const DUES = ['2024-04-20', '2024-05-20', '2024-06-20', '2024-07-20'].map((d) => `${d}T23:59:59.999999-05:00`);

const item = (borrowerId: string, loanId: string, restructuringId: string, requestId: string, terms: Record<string, unknown> = {}) => ({
  borrower_id: borrowerId,
  loan_id: loanId,
  restructuring_id: restructuringId,
  loan_restructuring: { due_dates: DUES, effective_date: '2024-03-20T00:00:00-05:00', interest_rate: 0.24, ...terms },
  occurred_on: '2024-03-20T10:00:00-05:00',
  request_id: requestId,
});

/** The single restructuring an item stands for. */
const single = (api: Api, i: ReturnType<typeof item>, headers: Record<string, string> = {}) =>
  api.post(`/v1/borrowers/${i.borrower_id}/loans/${i.loan_id}/restructurings/${i.restructuring_id}/create${MIG}`, {
    loan_restructuring: i.loan_restructuring,
    occurred_on: i.occurred_on,
    request_id: i.request_id,
  }, headers);

/** Polls GET /v1/batches/{id} until it is no longer 202; a batch that never finishes fails the test. */
async function finishedBatch(api: Api, batchId: string) {
  for (let i = 0; i < 600; i++) {
    const res = await api.get(`/v1/batches/${batchId}`);
    if (res.status !== 202) return res;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`batch ${batchId} still pending: ${JSON.stringify((await api.get(`/v1/batches/${batchId}`)).body)}`);
}

describe('restructure loans (batch) through the pipeline', () => {
  let system: System;
  before(async () => {
    system = await startSystem({ serverWorkerConcurrency: 2 });
  });
  after(async () => {
    await system?.stop();
  });

  const loan = async (borrowerId: string, loanId = 'L1') => {
    const res = await system.api.post(`/v1/borrowers/${borrowerId}/loans/${loanId}/create${MIG}`, createLoanBody({}, { delinquency_interest_rate: 0 }), WAIT);
    assert.equal(res.status, 200, JSON.stringify(res.body));
  };

  it('applies valid items, fails bad and conflicting ones at once, not-found ones in the worker; every item ends', async () => {
    await loan('RB-1');
    await loan('RB-2');
    await loan('RB-3');
    // A key taken earlier by the single restructuring, with other terms.
    const taken = await single(system.api, item('RB-2', 'L1', 'RS9', 'earlier', { interest_rate: 0.2 }), WAIT);
    assert.equal(taken.status, 200, JSON.stringify(taken.body));

    const res = await system.api.post(`${RESTRUCTURE_LOANS_BATCH_PATH}${MIG}`, [
      item('RB-1', 'L1', 'RS1', 'ok-1'), // 0: applied
      item('RB-1', 'L1', 'RS1', 'again', { interest_rate: 0.3 }), // 1: same key as item 0, other body: 409
      item('RB-1', 'L1', 'RS1', 'ok-1'), // 2: same key and body as item 0: that operation
      item('RB-2', 'L1', 'RS9', 'later'), // 3: key taken by the earlier request, other body: 409
      item('RB-2', 'NOPE', 'RS1', 'no-loan'), // 4: unknown loan: 404 from the worker
      item('RB-404', 'L1', 'RS1', 'no-borrower'), // 5: unknown borrower: 404 from the worker
      item('RB-3', 'L1', 'RS1', 'early', { due_dates: ['2024-03-19T23:59:59.999999-05:00'] }), // 6: due date before E: 400
      { borrower_id: 'RB-3', loan_id: 'L1', request_id: 'shapeless' }, // 7: no restructuring: 400
      'not an item', // 8: 400
    ]);
    assert.equal(res.status, 202, JSON.stringify(res.body));
    const accepted = batchAcceptedSchema.parse(res.body);
    assert.equal(res.headers.get('location'), `/v1/batches/${accepted.batch_id}`);
    assert.deepEqual(accepted.items.map((i) => [i.index, i.status, i.operation_id !== null]), [
      [0, 'queued', true],
      [1, 'failed', false],
      [2, 'queued', true],
      [3, 'failed', false],
      [4, 'queued', true],
      [5, 'queued', true],
      [6, 'failed', false],
      [7, 'failed', false],
      [8, 'failed', false],
    ]);
    const items = accepted.items;
    assert.equal(items[2]!.operation_id, items[0]!.operation_id, 'the same key and body is one operation');
    // Items failed at intake carry the seed error body.
    assert.deepEqual([items[1]!.error?.code, items[1]!.error?.status], [4091, 'Conflict']);
    assert.equal((items[1]!.error?.context as { operation_id?: string }).operation_id, items[0]!.operation_id);
    assert.equal(items[3]!.error?.code, 4091);
    assert.equal((items[3]!.error?.context as { operation_id?: string }).operation_id, taken.headers.get('location')?.split('/').pop());
    assert.equal(items[6]!.error?.code, 4000);
    assert.ok('loan_restructuring.due_dates[0]' in (items[6]!.error?.context as { fields: Record<string, string> }).fields, JSON.stringify(items[6]));
    assert.ok('restructuring_id' in (items[7]!.error?.context as { fields: Record<string, string> }).fields, JSON.stringify(items[7]));
    assert.deepEqual([items[7]!.borrower_id, items[7]!.request_id, items[8]!.borrower_id], ['RB-3', 'shapeless', null]);

    const done = await finishedBatch(system.api, accepted.batch_id);
    assert.equal(done.status, 207, JSON.stringify(done.body));
    const status = batchStatusSchema.parse(done.body);
    assert.equal(status.pending, undefined);
    const result = { fixed_installment_amount: 343378.98, id: 'RS1', kordev_id: 2, loan_id: 'L1', loan_restructuring: item('RB-1', 'L1', 'RS1', 'ok-1').loan_restructuring, new_principal: 1313229.6, request_id: 'ok-1' };
    assert.deepEqual(status.succeeded, [result, result]);
    assert.deepEqual(status.failed?.map((f) => [f.borrower_id, f.request_id, f.status_code]), [
      ['RB-1', 'again', 409],
      ['RB-2', 'later', 409],
      ['RB-2', 'no-loan', 404],
      ['RB-404', 'no-borrower', 404],
      ['RB-3', 'early', 400],
      ['RB-3', 'shapeless', 400],
      [null, null, 400],
    ]);
    // The worker's refusals are the operations' results, with the ledger's code.
    for (const index of [4, 5]) {
      const op = await system.api.waitForOperation(items[index]!.operation_id!);
      assert.equal(op.status, 'failed');
      assert.equal(op.type, 'create_restructuring');
      assert.deepEqual([op.result.status_code, op.result.body.code, op.result.body.error], [404, 40401, 'Loan not found']);
    }
    // The restructuring is on the loan once, and RB-2's loan keeps the earlier request's terms.
    const rb1 = await system.api.get('/v1/borrowers/RB-1/get_status?calculation_date=2024-03-20');
    assert.deepEqual(rb1.body.loans[0].restructurings, [{ id: 'RS1', effective_date: '2024-03-20', principal: 1313229.6 }]);
    const rb2 = await system.api.get('/v1/borrowers/RB-2/get_status?calculation_date=2024-03-20');
    assert.deepEqual(rb2.body.loans[0].restructurings.map((r: { id: string }) => r.id), ['RS9']);

    // The item is the single restructuring: sent alone, it replays the batch's operation.
    const alone = await single(system.api, item('RB-1', 'L1', 'RS1', 'ok-1'));
    assert.equal(alone.headers.get('idempotent-replayed'), 'true', JSON.stringify(alone.body));
    assert.equal(alone.body.operation_id, items[0]!.operation_id);
  });

  it('answers the 207 itself under Prefer: wait, replays included', async () => {
    await loan('RB-5');
    await loan('RB-6');
    const res = await system.api.post(`${RESTRUCTURE_LOANS_BATCH_PATH}${MIG}`, [item('RB-5', 'L1', 'RS1', 'w1'), item('RB-6', 'L1', 'RS1', 'w2'), item('RB-5', 'L1', 'RS1', 'w1'), item('RB-6', 'L1', 'RS1', 'w3')], WAIT);
    assert.equal(res.status, 207, JSON.stringify(res.body));
    const status = batchStatusSchema.parse(res.body);
    assert.deepEqual((status.succeeded as Array<{ request_id: string; new_principal: number }>).map((s) => [s.request_id, s.new_principal]), [['w1', 1313229.6], ['w2', 1313229.6], ['w1', 1313229.6]]);
    assert.deepEqual(status.failed?.map((f) => [f.borrower_id, f.request_id, f.status_code]), [['RB-6', 'w3', 409]]);
    assert.equal(res.headers.get('location')?.startsWith('/v1/batches/'), true);
  });

  it('refuses an empty array and a body that is not an array with one 400, recording nothing', async () => {
    for (const body of [[], { borrower_id: 'RB-7', loan_id: 'L1' }, 7]) {
      const res = await system.api.post(`${RESTRUCTURE_LOANS_BATCH_PATH}${MIG}`, body);
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.deepEqual([res.body.code, res.body.status], [4000, 'Bad Request']);
      assert.ok('body' in res.body.context.fields, JSON.stringify(res.body));
    }
    const bad = await system.api.post(`${RESTRUCTURE_LOANS_BATCH_PATH}?is_migration=maybe`, [item('RB-7', 'L1', 'RS1', 'q')]);
    assert.equal(bad.status, 400);
    assert.ok('query.is_migration' in bad.body.context.fields || 'is_migration' in bad.body.context.fields, JSON.stringify(bad.body));
    const none = await system.api.get('/v1/borrowers/RB-7/get_history');
    assert.deepEqual(none.body.records ?? [], [], JSON.stringify(none.body));
  });

  it('the cancel batch and the bulk route finish too when items reuse a key in the batch or taken earlier', async () => {
    await loan('RB-8');
    await loan('RB-9');
    const cancel = (borrowerId: string, requestId: string, reason = 'CUSTOMER') => ({
      borrower_id: borrowerId, loan_cancellation: { loan_id: 'L1', effective_date: '2024-02-01T00:00:00-05:00', reason }, occurred_on: '2024-02-01T10:00:00-05:00', request_id: requestId,
    });
    const earlier = await system.api.post(`/v1/borrowers/RB-9/loans/L1/cancel${MIG}`, { loan_cancellation: { effective_date: '2024-02-01T00:00:00-05:00', reason: 'FRAUD' }, occurred_on: '2024-02-01T10:00:00-05:00', request_id: 'c0' }, WAIT);
    assert.equal(earlier.status, 200, JSON.stringify(earlier.body));
    const cancels = await system.api.post(`/v1/borrowers/loans/cancel${MIG}`, [cancel('RB-8', 'c1'), cancel('RB-8', 'c2', 'FRAUD'), cancel('RB-8', 'c1'), cancel('RB-9', 'c3')]);
    assert.equal(cancels.status, 202, JSON.stringify(cancels.body));
    assert.deepEqual(cancels.body.items.map((i: { status: string; error?: { code: number } }) => [i.status, i.error?.code ?? null]), [['queued', null], ['failed', 4091], ['queued', null], ['failed', 4091]]);
    const cancelled = batchStatusSchema.parse((await finishedBatch(system.api, cancels.body.batch_id)).body);
    assert.deepEqual((cancelled.succeeded as Array<{ request_id: string }>).map((s) => s.request_id), ['c1', 'c1']);
    assert.deepEqual(cancelled.failed?.map((f) => [f.borrower_id, f.request_id, f.status_code]), [['RB-8', 'c2', 409], ['RB-9', 'c3', 409]]);

    await loan('RB-10');
    const path = `/v1/borrowers/RB-10/loans/L1/restructurings/RS1/create`;
    const restructuring = (requestId: string, rate = 0.24) => {
      const { loan_restructuring, occurred_on } = item('RB-10', 'L1', 'RS1', requestId, { interest_rate: rate });
      return { method: 'POST', path, body: { loan_restructuring, occurred_on, request_id: requestId } };
    };
    const bulk = await system.api.post(`${OPERATIONS_BATCH_PATH}${MIG}`, [restructuring('b1'), restructuring('b2', 0.3), restructuring('b1'), { method: 'POST', path: '/v1/borrowers/RB-9/loans/L1/cancel', body: { loan_cancellation: cancel('RB-9', 'c4').loan_cancellation, occurred_on: '2024-02-01T10:00:00-05:00', request_id: 'c4' } }]);
    assert.equal(bulk.status, 202, JSON.stringify(bulk.body));
    const bulkItems = batchAcceptedSchema.parse(bulk.body).items;
    assert.deepEqual(bulkItems.map((i) => [i.status, i.error?.code ?? null]), [['queued', null], ['failed', 4091], ['queued', null], ['failed', 4091]]);
    const bulkDone = batchStatusSchema.parse((await finishedBatch(system.api, bulk.body.batch_id)).body);
    assert.deepEqual((bulkDone.succeeded as Array<{ request_id: string }>).map((s) => s.request_id), ['b1', 'b1']);
    assert.deepEqual(bulkDone.failed?.map((f) => [f.request_id, f.status_code]), [['b2', 409], ['c4', 409]]);
  });
});

// Items that replay an operation recorded before the batch and not yet applied: the batch ends
// when that operation does, and its `batch.completed` is recorded then (docs/webhooks.md), like
// a batch whose own operations are applied last. No worker runs until the batch is recorded.
describe('a batch whose items replay operations still queued', () => {
  let system: System;
  let db: pg.Client;
  before(async () => {
    system = await startSystem({ serverWorkerConcurrency: 0 });
    db = new pg.Client({ connectionString: system.databaseUrl });
    await db.connect();
  });
  after(async () => {
    await db?.end();
    await system?.stop();
  });

  it('finishes with them, and records batch.completed once', async () => {
    const created = await system.api.post(`/v1/borrowers/RQ-1/loans/L1/create${MIG}`, createLoanBody({}, { delinquency_interest_rate: 0 }));
    assert.equal(created.status, 202);
    const first = await single(system.api, item('RQ-1', 'L1', 'RS1', 'q1'));
    assert.equal(first.status, 202);
    const res = await system.api.post(`${RESTRUCTURE_LOANS_BATCH_PATH}${MIG}`, [item('RQ-1', 'L1', 'RS1', 'q1'), item('RQ-1', 'L1', 'RS2', 'q2', { effective_date: '2024-03-21T00:00:00-05:00' })]);
    assert.equal(res.status, 202, JSON.stringify(res.body));
    const accepted = batchAcceptedSchema.parse(res.body);
    assert.equal(accepted.items[0]!.operation_id, first.body.operation_id);
    // A second batch made only of replays of operations still queued.
    const replays = await system.api.post(`${RESTRUCTURE_LOANS_BATCH_PATH}${MIG}`, [item('RQ-1', 'L1', 'RS1', 'q1')]);
    assert.equal(replays.status, 202, JSON.stringify(replays.body));
    assert.equal((await system.api.get(`/v1/batches/${replays.body.batch_id}`)).status, 202);

    await system.startWorker();
    for (const batchId of [accepted.batch_id, replays.body.batch_id]) {
      const done = await finishedBatch(system.api, batchId);
      assert.equal(done.status, 207, JSON.stringify(done.body));
      assert.deepEqual(batchStatusSchema.parse(done.body).failed, []);
    }
    // The events are committed with the results that complete the batches.
    const { rows } = await db.query<{ batch_id: string; n: string }>(
      `select batch_id, count(*) as n from events where type = 'batch.completed' and batch_id = any($1) group by batch_id order by batch_id`,
      [[accepted.batch_id, replays.body.batch_id]],
    );
    assert.deepEqual(rows.map((r) => [r.batch_id, Number(r.n)]), [[accepted.batch_id, 1], [replays.body.batch_id, 1]].sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
  });
});

// A batch's wake-up for a borrower is named after an operation the batch recorded (docs/api.md
// "Batches"): an item replaying an operation whose job is active, listed before the borrower's
// new items, must not stand for the borrower, since BullMQ drops an add whose job id exists.
// A consumer in this process holds the borrower's job while the batch is recorded; no worker
// (and so no sweeper) runs, so what the queue holds afterwards is the intake's doing alone.
describe('a batch replaying an operation whose job is active', () => {
  let system: System;
  before(async () => {
    system = await startSystem({ serverWorkerConcurrency: 0 });
  });
  after(async () => {
    await system?.stop();
  });

  it('still wakes the borrower for its new items once that job is done', async () => {
    const borrowerId = 'RW-1';
    const loanOp = await system.api.post(`/v1/borrowers/${borrowerId}/loans/L1/create${MIG}`, createLoanBody());
    assert.equal(loanOp.status, 202);
    const { backend, queues } = await system.queueView();
    const partition = partitionOf(borrowerId, queues.partitions);
    let held!: () => void;
    const holding = new Promise<void>((resolve) => (held = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const woken: string[] = [];
    const consumer = backend.createWorker(partitionQueueName(partition), partitionPrefix(system.prefix, partition), async (job) => {
      woken.push(String(job.id));
      held();
      await released;
    }, { concurrency: 1 });
    try {
      await holding;
      const res = await system.api.post(`${OPERATIONS_BATCH_PATH}${MIG}`, [
        { method: 'POST', path: `/v1/borrowers/${borrowerId}/loans/L1/create`, body: createLoanBody() },
        { method: 'POST', path: `/v1/borrowers/${borrowerId}/payments/P1/create`, body: paymentBody(1000, '2024-02-10', 'p1') },
      ]);
      assert.equal(res.status, 202, JSON.stringify(res.body));
      const [replay, payment] = batchAcceptedSchema.parse(res.body).items;
      assert.equal(replay!.operation_id, loanOp.body.operation_id);
      release();
      // The held job ends; BullMQ then adds the wake-up kept aside for the borrower, which this consumer takes.
      for (let i = 0; i < 600 && woken.length < 2; i++) await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual(woken, [loanOp.body.operation_id, payment!.operation_id]);
    } finally {
      release();
      await consumer.close();
    }
  });
});

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { batchStatusSchema, CANCEL_LOANS_BATCH_PATH, operationAcceptedBody, operationAcceptedSchema, operationStatusBody, operationStatusSchema } from '@lsl/contracts';
import { createDb, getOperation, type Database } from '@lsl/db';
import { loadBatchStatus } from '@lsl/ledger-store';
import { createLoanBody, startSystem, type System } from './helpers.js';

/*
 * The response bodies built beside their schemas (`packages/contracts/src/responses`), from
 * real rows written by the real system (intake, queue, worker, ledger), parsed with the contracts' response schemas that the OpenAPI
 * document shows (docs/api.md): every field the schema names is there with its type, and the
 * view adds nothing the schema does not name (a parse keeps only the schema's keys).
 */

const MIG = '?is_migration=true';

/** Parses `body` with `schema` and asserts the parse kept it whole. */
function assertDescribedBy(schema: z.ZodType, body: unknown, what: string): void {
  const parsed = schema.safeParse(body);
  assert.ok(parsed.success, `${what}: ${JSON.stringify(parsed.error?.issues)}\n${JSON.stringify(body)}`);
  assert.deepEqual(parsed.data, body, `${what}: the view has fields its schema does not name`);
}

const transferItem = (borrowerId: string, loanId: string, requestId: string) => ({
  borrower_id: borrowerId,
  loan_id: loanId,
  occurred_on: '2024-03-01T10:15:20-05:00',
  ownership_transfer: { effective_date: '2024-03-01T00:00:00-05:00', new_owner: 'BANK_9' },
  request_id: requestId,
});

const cancelItem = (borrowerId: string, loanId: string, requestId: string) => ({
  borrower_id: borrowerId,
  loan_cancellation: { loan_id: loanId, effective_date: '2024-02-01T00:00:00-05:00', reason: 'CUSTOMER' },
  occurred_on: '2024-02-01T10:00:00-05:00',
  request_id: requestId,
});

describe('response bodies against the contracts response schemas, from real rows', () => {
  let system: System;
  let db: Kysely<Database>;
  before(async () => {
    // No worker at first: the views of queued operations and of a pending batch are seen too.
    system = await startSystem({ serverWorkerConcurrency: 0 });
    db = createDb({ connectionString: system.databaseUrl, max: 2 });
  });
  after(async () => {
    await db?.destroy();
    await system?.stop();
  });

  it('operations and batches, queued, then succeeded and failed', async () => {
    const loans = await Promise.all(['B-v1', 'B-v2'].map((b) => system.api.post(`/v1/borrowers/${b}/loans/L1/create${MIG}`, createLoanBody())));
    for (const res of loans) assert.equal(res.status, 202, JSON.stringify(res.body));
    const transfer = await system.api.post(`/v1/borrowers/loans/transfer_ownership${MIG}`, [
      transferItem('B-v1', 'L1', 'ok-1'),
      { ...transferItem('B-v1', 'L1', 'bad-1'), ownership_transfer: { effective_date: 'yesterday', new_owner: 'X' } },
      transferItem('B-v1', 'NO_LOAN', 'missing-1'),
    ]);
    assert.equal(transfer.status, 202, JSON.stringify(transfer.body));
    const cancel = await system.api.post(`${CANCEL_LOANS_BATCH_PATH}${MIG}`, [cancelItem('B-v2', 'L1', 'c1')]);
    assert.equal(cancel.status, 202, JSON.stringify(cancel.body));

    const operationIds = [
      ...loans.map((res) => res.body.operation_id as string),
      ...[...transfer.body.items, ...cancel.body.items].flatMap((item: { operation_id: string | null }) => (item.operation_id ? [item.operation_id] : [])),
    ];
    assert.equal(operationIds.length, 5);
    const batchIds = [transfer.body.batch_id as string, cancel.body.batch_id as string];

    const checkAll = async (stage: string) => {
      for (const id of operationIds) {
        const row = await getOperation(db, id);
        assert.ok(row, `${stage}: operation ${id} recorded`);
        assertDescribedBy(operationStatusSchema, operationStatusBody(row), `${stage}: operationStatusBody of ${row.type}/${row.status}`);
        assertDescribedBy(operationAcceptedSchema, operationAcceptedBody(row), `${stage}: operationAcceptedBody of ${row.type}`);
      }
      for (const id of batchIds) {
        const status = await loadBatchStatus(db, id);
        assert.ok(status, `${stage}: batch ${id} recorded`);
        assertDescribedBy(batchStatusSchema, status.body, `${stage}: loadBatchStatus`);
      }
    };

    const queued = await Promise.all(operationIds.map((id) => getOperation(db, id)));
    assert.ok(queued.every((row) => row?.status === 'queued'), 'nothing applied before a worker starts');
    const pending = await loadBatchStatus(db, batchIds[0]!);
    assert.equal(pending?.done, false);
    assert.equal(pending?.body.pending?.length, 2);
    await checkAll('queued');

    await system.startWorker();
    const finished = await Promise.all(operationIds.map((id) => system.api.waitForOperation(id)));
    assert.deepEqual(finished.map((op) => op.status).sort(), ['failed', 'succeeded', 'succeeded', 'succeeded', 'succeeded']);
    const done = await loadBatchStatus(db, batchIds[0]!);
    assert.equal(done?.done, true);
    assert.deepEqual(done?.body.failed?.map((f) => f.status_code).sort(), [400, 404]);
    await checkAll('finished');
  });
});

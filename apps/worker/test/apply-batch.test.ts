import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { createDb, insertOperationWithSeq, type AcceptOperationInput, type Database } from '@lsl/db';
import { createTestDatabase, type TestDatabase } from '@lsl/db/testing';
import { applyPendingBatch } from '../src/apply-pending.js';
import { BorrowerBatcher } from '../src/borrower-batcher.js';
import { StateCache } from '@lsl/ledger-store';
import type { OperationType } from '@lsl/ledger';

const LEDGER = { timeZone: 'America/Bogota' };
const LOAN_CONFIG = { id: 'DEFAULT', version: 1, usury_rate: null, usury_behavior: 'cap', daily_fee_max_charge: null, late_fee_amount: null, late_fee_grace_days: 0 };
const PAYMENT_CONFIG = { id: 'DEFAULT', version: 1, allocation_order: ['late_fee', 'daily_fee', 'delinquency_interest', 'installment_fee_2', 'installment_fee', 'interest', 'principal'] };

/** The k-th operation of a borrower: a loan, then payments (each creates an entity: kordev_id = seq when applied in order, once). */
function operation(borrowerId: string, k: number): AcceptOperationInput {
  const loan = {
    loan: {
      amount_financed: 1200000, config_id: 'DEFAULT', daily_fee_charge: null, delinquency_interest_rate: 0.3848,
      due_dates: ['2024-02-15T23:59:59.999999-05:00', '2024-03-15T23:59:59.999999-05:00'], guarantee_provider: null,
      installment_fee_2_charge: null, installment_fee_charge: null, interest_rate: 0.3848, origination_date: '2024-01-15T00:00:00-05:00', owner: 'BANK_1',
    },
    occurred_on: '2024-01-15T10:00:00-05:00',
    request_id: null,
  };
  const payment = { payment: { amount_paid: 1000 * k, config_id: null, payment_date: '2024-02-01T12:00:00-05:00' }, payment_allocations: null, occurred_on: '2024-02-01T12:00:00-05:00', request_id: null };
  const [type, params, body, configs]: [OperationType, Record<string, string>, { occurred_on: string }, object] =
    k === 0 ? ['create_loan', { loan_id: 'L1' }, loan, { loans: LOAN_CONFIG }] : ['create_payment', { payment_id: `P${k}` }, payment, { payments: PAYMENT_CONFIG }];
  return {
    id: randomUUID(), borrower_id: borrowerId, type, natural_key: `${type}/${k}`, request_hash: 'h', idempotency_key: null,
    params: { borrower_id: borrowerId, ...params }, body, is_migration: true,
    recorded_at: body.occurred_on, request_id: null, configs, batch_id: null, batch_index: null,
  };
}

let database: TestDatabase;
let db: Kysely<Database>;
let blocker: pg.Client;
before(async () => {
  database = await createTestDatabase();
  db = createDb({ connectionString: database.url, max: 6 });
  blocker = new pg.Client({ connectionString: database.url });
  await blocker.connect();
});
after(async () => {
  await blocker?.end();
  await db?.destroy();
  await database?.drop();
});

const accept = async (borrowerId: string, from: number, to: number) => {
  for (let k = from; k <= to; k++) await insertOperationWithSeq(db, operation(borrowerId, k));
};

/** Every operation of the borrower succeeded, applied once each in sequence order, and applied_seq is the last. */
async function assertAppliedInOrder(borrowerId: string, count: number): Promise<void> {
  const rows = await db.selectFrom('operations').select(['seq', 'status', 'result_body']).where('borrower_id', '=', borrowerId).orderBy('seq').execute();
  assert.equal(rows.length, count);
  for (const row of rows) {
    assert.equal(row.status, 'succeeded', JSON.stringify(row.result_body));
    assert.equal((row.result_body as { kordev_id: number }).kordev_id, row.seq, `${borrowerId} seq ${row.seq}`);
  }
  const ledger = await db.selectFrom('borrower_ledgers').select('applied_seq').where('borrower_id', '=', borrowerId).executeTakeFirstOrThrow();
  assert.equal(Number(ledger.applied_seq), count);
}

describe('applying many borrowers in one transaction', () => {
  it('applies each borrower’s pending operations in order, new and known borrowers alike, with and without a cached state', async () => {
    const cache = new StateCache();
    await accept('A1', 0, 3);
    await accept('A2', 0, 1);
    assert.equal(await applyPendingBatch(db, ['A1', 'A2'], { ledger: LEDGER, cache }), 6);
    await accept('A1', 4, 5);
    await accept('A3', 0, 2);
    // A1 from the cache, A2 has nothing pending, A3 is new; a second process (no cache) then A1 again.
    assert.equal(await applyPendingBatch(db, ['A3', 'A2', 'A1', 'A1'], { ledger: LEDGER, cache }), 5);
    await accept('A1', 6, 6);
    assert.equal(await applyPendingBatch(db, ['A1'], { ledger: LEDGER }), 1);
    await accept('A1', 7, 7);
    assert.equal(await applyPendingBatch(db, ['A1', 'A3'], { ledger: LEDGER, cache }), 1, 'the cached state is behind: reloaded, not trusted');
    await assertAppliedInOrder('A1', 8);
    await assertAppliedInOrder('A2', 2);
    await assertAppliedInOrder('A3', 3);
  });

  it('more pending operations than fit in one transaction: applied over several, in order', async () => {
    await accept('M1', 0, 14);
    await accept('M2', 0, 14);
    assert.equal(await applyPendingBatch(db, ['M1', 'M2'], { ledger: LEDGER, batchSize: 10, maxOperationsPerTransaction: 20 }), 30);
    await assertAppliedInOrder('M1', 15);
    await assertAppliedInOrder('M2', 15);
  });

  it('a wake-up with nothing pending takes no lock and opens no transaction', { timeout: 60_000 }, async () => {
    await accept('N1', 0, 1);
    await applyPendingBatch(db, ['N1'], { ledger: LEDGER });
    // Someone holds N1's ledger lock: a wake-up that locked would wait for it (and the test time out).
    await blocker.query('begin');
    await blocker.query("select 1 from borrower_ledgers where borrower_id = 'N1' for update");
    try {
      const before = await db.selectFrom('borrower_ledgers').select('updated_at').where('borrower_id', '=', 'N1').executeTakeFirstOrThrow();
      assert.equal(await applyPendingBatch(db, ['N1', 'N-unknown'], { ledger: LEDGER }), 0);
      const after = await db.selectFrom('borrower_ledgers').select('updated_at').where('borrower_id', '=', 'N1').executeTakeFirstOrThrow();
      assert.deepEqual(after, before);
    } finally {
      await blocker.query('rollback');
    }
  });

  it('a borrower locked elsewhere fails the batch after the lock timeout; the batcher then applies the others one at a time, and that one once its lock is free', { timeout: 120_000 }, async () => {
    for (const b of ['P1', 'P2', 'P3']) await accept(b, 0, 2);
    await applyPendingBatch(db, ['P1'], { ledger: LEDGER });
    await accept('P1', 3, 4);
    const fallbacks: number[] = [];
    const batcher = new BorrowerBatcher({
      apply: (ids) => applyPendingBatch(db, ids, { ledger: LEDGER, batchLockTimeoutMs: 200 }),
      maxBatch: 10,
      maxConcurrent: 1,
      onFallback: (n) => fallbacks.push(n),
    });
    await blocker.query('begin');
    await blocker.query("select 1 from borrower_ledgers where borrower_id = 'P1' for update");
    let p1Done = false;
    const p1 = batcher.run('P1').then(() => void (p1Done = true));
    try {
      await Promise.all([batcher.run('P2'), batcher.run('P3')]);
      await assertAppliedInOrder('P2', 3);
      await assertAppliedInOrder('P3', 3);
      assert.equal(p1Done, false, 'P1 waits for its lock');
      assert.deepEqual(fallbacks, [3]);
    } finally {
      await blocker.query('rollback');
    }
    await p1;
    await assertAppliedInOrder('P1', 5);
  });
});

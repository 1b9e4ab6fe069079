import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import { AppError } from '@lsl/contracts';
import { randomUUID } from 'node:crypto';
import { createDb, insertOperationWithSeq, listOperationsAfterSeq, lockBorrowerLedgers, saveBorrowerLedgerDelta, type Database } from '@lsl/db';
import { createTestDatabase, type TestDatabase } from '@lsl/db/testing';
import { apply, emptyState, headOf, persistDelta, statusAt, type BorrowerState, type CreateLoanOperation, type OperationType } from '@lsl/ledger';
import { applyRecorded, ByteLru, loadStoredState } from '@lsl/ledger-store';
import { createLedgerReader } from '../src/ledger-reader.js';

const OPTIONS = { timeZone: 'America/Bogota' };

function createLoan(seq: number, loanId: string): CreateLoanOperation {
  return {
    type: 'create_loan',
    seq,
    operationId: `00000000-0000-4000-8000-00000000000${seq}`,
    recordedAt: '2024-01-15T10:00:00-05:00',
    loanId,
    loanConfig: { id: 'DEFAULT', version: 1, usury_rate: null, usury_behavior: 'cap', daily_fee_max_charge: null, late_fee_amount: null, late_fee_grace_days: 0 },
    body: {
      loan: {
        amount_financed: 1200000,
        config_id: 'DEFAULT',
        daily_fee_charge: null,
        delinquency_interest_rate: 0.3848,
        due_dates: ['2024-02-15T23:59:59.999999-05:00', '2024-03-15T23:59:59.999999-05:00'],
        guarantee_provider: null,
        installment_fee_2_charge: null,
        installment_fee_charge: null,
        interest_rate: 0.3848,
        origination_date: '2024-01-15T00:00:00-05:00',
        owner: 'BANK_1',
      },
      occurred_on: '2024-01-15T10:00:00-05:00',
      request_id: `r${seq}`,
    },
  };
}

describe('ByteLru', () => {
  it('evicts the least recently used entries past its weight budget', () => {
    const lru = new ByteLru<string>(10);
    lru.set('a', 'A', 4);
    lru.set('b', 'B', 4);
    assert.equal(lru.get('a'), 'A'); // a is now the most recent
    lru.set('c', 'C', 4); // 12 > 10: b goes
    assert.equal(lru.get('b'), undefined);
    assert.equal(lru.get('a'), 'A');
    assert.equal(lru.get('c'), 'C');
    assert.equal(lru.bytes, 8);
    lru.set('a', 'A2', 1); // replacing re-weighs
    assert.equal(lru.bytes, 5);
    lru.set('huge', 'H', 11); // over the whole budget: not kept, nothing evicted
    assert.equal(lru.get('huge'), undefined);
    assert.equal(lru.size, 2);
  });
});

// One database for the file: the two suites use distinct borrowers.
let database: TestDatabase;
let db: Kysely<Database>;
before(async () => {
  database = await createTestDatabase();
  db = createDb({ connectionString: database.url, max: 2 });
});
after(async () => {
  await db?.destroy();
  await database?.drop();
});

describe('ledger reader', () => {
  const store = async (borrowerId: string, state: BorrowerState, appliedSeq: number) => {
    await db.insertInto('borrowers').values({ id: borrowerId, last_seq: appliedSeq }).onConflict((oc) => oc.column('id').doUpdateSet({ last_seq: appliedSeq })).execute();
    await db.transaction().execute((trx) => saveBorrowerLedgerDelta(trx, borrowerId, persistDelta(undefined, state), appliedSeq));
  };

  it('an unknown borrower is not_found; a borrower with nothing applied yet reads as empty', async () => {
    const reader = createLedgerReader({ db });
    await assert.rejects(reader.load('nobody'), (e: unknown) => e instanceof AppError && e.httpStatus === 404);
    await db.insertInto('borrowers').values({ id: 'waiting', last_seq: 1 }).execute();
    const loaded = await reader.load('waiting');
    assert.equal(loaded.version, 'empty');
    assert.deepEqual(statusAt(loaded.state, '2024-01-20', OPTIONS).loans, []);
  });

  it('reuses the deserialized state while the stored row is unchanged, and never serves a replaced one', async () => {
    const reader = createLedgerReader({ db });
    let state = apply(emptyState('B1'), createLoan(1, 'L1'), OPTIONS).state;
    await store('B1', state, 1);
    const first = await reader.load('B1');
    const second = await reader.load('B1');
    assert.equal(second.state, first.state, 'the same object: no second fetch or deserialization');
    assert.deepEqual(statusAt(first.state, '2024-01-20', OPTIONS).loans.map((l) => l.attributes.id), ['L1']);

    state = apply(state, createLoan(2, 'L2'), OPTIONS).state;
    await store('B1', state, 2);
    const third = await reader.load('B1');
    assert.notEqual(third.version, first.version);
    assert.deepEqual(statusAt(third.state, '2024-01-20', OPTIONS).loans.map((l) => l.attributes.id), ['L1', 'L2']);
  });

  it('with a zero budget it caches nothing', async () => {
    const reader = createLedgerReader({ db, stateCacheBytes: 0 });
    const a = await reader.load('B1');
    const b = await reader.load('B1');
    assert.notEqual(a.state, b.state);
    assert.equal(a.version, b.version);
  });
});

/**
 * Applies a borrower's pending operations and stores the state as head + items, as the worker's
 * loop does (apps/worker/test covers that loop; results-api does not depend on the worker app).
 */
async function applyPending(borrowerId: string, options: { ledger: { timeZone: string } }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // One writer in this test: read, then take the lock (creating the ledger row the first time).
    const stored = await loadStoredState(trx, borrowerId);
    await lockBorrowerLedgers(trx, [borrowerId], stored ? [] : [borrowerId]);
    const from = stored?.appliedSeq ?? 0;
    let state = from > 0 && stored ? stored.state : emptyState(borrowerId);
    const rows = await listOperationsAfterSeq(trx, borrowerId, from, 1000);
    if (rows.length === 0) return;
    for (const row of rows) state = applyRecorded(state, row, options.ledger).state;
    await saveBorrowerLedgerDelta(trx, borrowerId, persistDelta(from > 0 && stored ? stored.state : undefined, state), rows[rows.length - 1]!.seq);
  });
}

describe('ledger reader catching up', () => {
  const loanConfig = createLoan(1, 'L1').loanConfig;
  const accept = (borrowerId: string, type: OperationType, params: Record<string, string>, body: unknown, configs: Record<string, unknown>) =>
    insertOperationWithSeq(db, {
      id: randomUUID(),
      borrower_id: borrowerId,
      type,
      natural_key: `${type}/${JSON.stringify(params)}`,
      request_hash: 'h',
      idempotency_key: null,
      params: { borrower_id: borrowerId, ...params },
      body,
      is_migration: true,
      recorded_at: (body as { occurred_on: string }).occurred_on,
      request_id: null,
      configs,
      batch_id: null,
      batch_index: null,
    });
  const pay = (borrowerId: string, k: number, day: string) =>
    accept(borrowerId, 'create_payment', { payment_id: `P${k}` }, {
      payment: { amount_paid: 1000 * k, config_id: null, payment_date: `${day}T12:00:00-05:00` },
      payment_allocations: null,
      occurred_on: `${day}T12:00:00-05:00`,
    }, { payments: { id: 'DEFAULT', version: 1, allocation_order: ['late_fee', 'daily_fee', 'delinquency_interest', 'installment_fee_2', 'installment_fee', 'interest', 'principal'] } });

  it('applies the operations it is behind by, as the worker did, instead of restoring the stored state', async () => {
    await accept('C1', 'create_loan', { loan_id: 'L1' }, createLoan(1, 'L1').body, { loans: loanConfig });
    await applyPending('C1', { ledger: OPTIONS });
    const reader = createLedgerReader({ db, ledger: OPTIONS });
    const first = await reader.load('C1');

    await pay('C1', 1, '2024-02-10');
    await pay('C1', 2, '2024-03-20');
    await applyPending('C1', { ledger: OPTIONS });
    const inOrder = await reader.load('C1');
    assert.equal(inOrder.appliedSeq, 3);
    await assertSameAsStored('C1', inOrder.state);
    // It was caught up, not restored: the history it had is shared, not rebuilt.
    const cachedNodes = new Set<unknown>();
    for (let n = first.state.live.history; n; n = n.tail) cachedNodes.add(n);
    let sharesTail = false;
    for (let n = inOrder.state.live.history; n; n = n.tail) if (cachedNodes.has(n)) sharesTail = true;
    assert.ok(sharesTail, 'the caught-up state shares its older history with the cached one');

    await pay('C1', 3, '2024-02-01'); // back-dated: the worker replays, so must the reader
    await applyPending('C1', { ledger: OPTIONS });
    const backDated = await reader.load('C1');
    assert.equal(backDated.appliedSeq, 4);
    await assertSameAsStored('C1', backDated.state);
  });

  async function assertSameAsStored(borrowerId: string, state: BorrowerState) {
    const restored = await createLedgerReader({ db, stateCacheBytes: 0 }).load(borrowerId);
    assert.notEqual(state, restored.state);
    assert.equal(JSON.stringify(headOf(state)), JSON.stringify(headOf(restored.state)));
    for (const day of ['2024-02-05', '2024-03-01', '2024-06-01']) {
      assert.deepEqual(statusAt(state, day, OPTIONS), statusAt(restored.state, day, OPTIONS));
    }
  }

  it('restores the stored state when what it computed does not match it', async () => {
    await accept('C2', 'create_loan', { loan_id: 'L1' }, createLoan(1, 'L1').body, { loans: loanConfig });
    await applyPending('C2', { ledger: OPTIONS });
    const reader = createLedgerReader({ db, ledger: OPTIONS });
    await reader.load('C2');
    await pay('C2', 1, '2024-02-10');
    await applyPending('C2', { ledger: OPTIONS });
    // Someone changed the operation after it was applied: replaying it gives another state.
    await db.updateTable('operations').set({ body: JSON.stringify({ payment: { amount_paid: 5, config_id: null, payment_date: '2024-02-10T12:00:00-05:00' }, payment_allocations: null, occurred_on: '2024-02-10T12:00:00-05:00' }) }).where('borrower_id', '=', 'C2').where('seq', '=', 2).execute();
    const loaded = await reader.load('C2');
    const restored = await createLedgerReader({ db, stateCacheBytes: 0 }).load('C2');
    assert.equal(JSON.stringify(headOf(loaded.state)), JSON.stringify(headOf(restored.state)));
    assert.equal(statusAt(loaded.state, '2024-02-11', OPTIONS).loans[0]!.balance_detail.at_calculation_date.principal.paid, statusAt(restored.state, '2024-02-11', OPTIONS).loans[0]!.balance_detail.at_calculation_date.principal.paid);
  });
});

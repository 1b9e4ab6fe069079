import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import { AppError } from '@lsl/contracts';
import { createDb, saveBorrowerLedger, type Database } from '@lsl/db';
import { createTestDatabase, type TestDatabase } from '@lsl/db/testing';
import { apply, emptyState, serializeState, statusAt, type BorrowerState, type CreateLoanOperation } from '@lsl/ledger';
import { createLedgerReader } from '../src/ledger-reader.js';
import { WeightedLru } from '../src/lru-cache.js';

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

describe('WeightedLru', () => {
  it('evicts the least recently used entries past its weight budget', () => {
    const lru = new WeightedLru<string>(10);
    lru.set('a', 'A', 4);
    lru.set('b', 'B', 4);
    assert.equal(lru.get('a'), 'A'); // a is now the most recent
    lru.set('c', 'C', 4); // 12 > 10: b goes
    assert.equal(lru.get('b'), undefined);
    assert.equal(lru.get('a'), 'A');
    assert.equal(lru.get('c'), 'C');
    assert.equal(lru.weight, 8);
    lru.set('a', 'A2', 1); // replacing re-weighs
    assert.equal(lru.weight, 5);
    lru.set('huge', 'H', 11); // over the whole budget: not kept, nothing evicted
    assert.equal(lru.get('huge'), undefined);
    assert.equal(lru.size, 2);
  });
});

describe('ledger reader', () => {
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

  const store = async (borrowerId: string, state: BorrowerState, appliedSeq: number) => {
    await db.insertInto('borrowers').values({ id: borrowerId, last_seq: appliedSeq }).onConflict((oc) => oc.column('id').doUpdateSet({ last_seq: appliedSeq })).execute();
    await db.transaction().execute((trx) => saveBorrowerLedger(trx, borrowerId, serializeState(state), appliedSeq));
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

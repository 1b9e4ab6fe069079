/**
 * Migration 0012 on a database seeded with the old layout: rows holding a whole `lsl-ledger/1`
 * document and no items (random borrowers, back-dated operations and snapshots included) become
 * head + items that restore to the same state (same document, same statuses, same next apply);
 * a row already in head + items is left as it is; a document that does not have the old
 * layout's shape fails the migration naming its borrower.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sql, type Kysely } from 'kysely';
import { apply, emptyState, persistDelta, restoreState, statusAt, type BorrowerState } from '@lsl/ledger';
import { createDb, loadBorrowerLedger, saveBorrowerLedgerDelta, type Database } from '../src/index.js';
import { createTestDatabase, type TestDatabase } from '../src/testing.js';
import { up } from '../src/migrations/0012-ledger-documents.js';
import { TZ, addDays, createLoan, payment } from '../../ledger/test/fixtures/ops.js';
import { O, checkDays, historyArb, type History } from '../../ledger/test/fixtures/gen.js';
import { documentOf, writeLegacyDocument } from '../../ledger/test/fixtures/legacy-document.js';

/** Three loans, 60 payments, then two back-dated ones: snapshots, shared loans and installments. */
function longHistory(): History {
  const dues = Array.from({ length: 24 }, (_, k) => addDays(O, 30 * (k + 1)));
  const h: History = { specs: [], ops: [], days: [], payments: [] };
  for (let i = 0; i < 3; i++) {
    h.ops.push(createLoan(i + 1, `L${i}`, { amount: 5_000_000, rate: 0.3, drate: 0.3848, origination: O, dues, fee: 24_000, daily: 50 }));
    h.days.push(O);
  }
  const days = [...Array.from({ length: 60 }, (_, k) => addDays(O, 1 + k * 10)), addDays(O, 45), addDays(O, 300)];
  days.forEach((day, k) => {
    h.ops.push(payment(h.ops.length + 1, `P${k}`, 5_000, day, [{ loan_id: `L${k % 3}`, amount: 5_000 }]));
    h.days.push(day);
  });
  return h;
}

describe('migration 0012: whole lsl-ledger/1 documents become head + items', () => {
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

  /** Writes a row as it was before the head + items layout: the document, no items. */
  async function seedOld(borrowerId: string, state: BorrowerState, appliedSeq: number): Promise<void> {
    await db.insertInto('borrowers').values({ id: borrowerId, last_seq: appliedSeq }).execute();
    await db.insertInto('borrower_ledgers').values({ borrower_id: borrowerId, state: JSON.stringify(writeLegacyDocument(state)), applied_seq: appliedSeq, updated_at: new Date('2024-01-01T00:00:00Z') }).execute();
  }

  async function stored(borrowerId: string): Promise<BorrowerState> {
    const row = await loadBorrowerLedger(db, borrowerId);
    assert.ok(row, `a ledger row for ${borrowerId}`);
    return restoreState(row.head, row.lists);
  }

  it('rewrites every old row as head + items of the same state, and leaves current rows alone', async () => {
    const histories = [longHistory(), ...fc.sample(historyArb({ withCancel: true, maxSteps: 40 }), { numRuns: 10, seed: 1117 })];
    const seeded: Array<{ id: string; state: BorrowerState; h: History }> = [];
    for (const [k, h] of histories.entries()) {
      let state = emptyState(`OLD${k}`);
      for (const op of h.ops) state = apply(state, op, TZ).state;
      await seedOld(`OLD${k}`, state, h.ops.length);
      seeded.push({ id: `OLD${k}`, state, h });
    }
    assert.ok((seeded[0]!.state.snapshots?.length ?? 0) >= 3, 'the long borrower has snapshots');
    // A row in the current layout, written as the worker writes it.
    const current = seeded[0]!.state;
    await db.insertInto('borrowers').values({ id: 'NEW', last_seq: 1 }).execute();
    await db.transaction().execute((trx) => saveBorrowerLedgerDelta(trx, 'NEW', persistDelta(undefined, { ...current, borrowerId: 'NEW' }), 1));
    const before = await loadBorrowerLedger(db, 'NEW');

    await up(db);

    for (const { id, state, h } of seeded) {
      const restored = await stored(id);
      assert.equal(documentOf(restored), documentOf(state), id);
      for (const day of checkDays(h)) assert.deepEqual(statusAt(restored, day, TZ), statusAt(state, day, TZ), `${id} ${day}`);
      const next = payment(h.ops.length + 1, 'PX', 1234.56, '2024-03-01');
      const a = apply(restored, next, TZ);
      const b = apply(state, next, TZ);
      assert.deepEqual(a.result, b.result);
      assert.equal(documentOf(a.state), documentOf(b.state));
    }
    const row = await db.selectFrom('borrower_ledgers').select(['applied_seq', 'updated_at']).where('borrower_id', '=', 'OLD0').executeTakeFirstOrThrow();
    assert.equal(Number(row.applied_seq), histories[0]!.ops.length);
    assert.equal(new Date(row.updated_at).toISOString(), '2024-01-01T00:00:00.000Z');
    assert.deepEqual(await loadBorrowerLedger(db, 'NEW'), before);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from borrower_ledgers where state->>'format' = 'lsl-ledger/1'`.execute(db);
    assert.equal(rows[0]?.n, 0);
    // Run again: nothing left to rewrite.
    await up(db);
    assert.equal(documentOf(await stored('OLD1')), documentOf(seeded[1]!.state));
  });

  it('fails on a document that does not have the old layout, naming the borrower', async () => {
    await db.insertInto('borrowers').values({ id: 'BROKEN', last_seq: 1 }).execute();
    await db.insertInto('borrower_ledgers').values({ borrower_id: 'BROKEN', state: JSON.stringify({ format: 'lsl-ledger/1', loans: 'none' }), applied_seq: 1, updated_at: new Date() }).execute();
    await assert.rejects(up(db), /the ledger row of borrower BROKEN is not a readable lsl-ledger\/1 document: terms is not an array/);
  });
});

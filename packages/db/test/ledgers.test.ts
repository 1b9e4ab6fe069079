/**
 * The ledger repository against Postgres: a delta save upserts the head, cuts each list at
 * its new length and writes the items from `keep` on (lists may also get shorter: a
 * back-dated operation can leave fewer history entries); the load reads head and items in
 * order.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import { createDb, loadBorrowerLedger, saveBorrowerLedgerDelta, saveBorrowerLedgerDeltas, type Database } from '../src/index.js';
import { createTestDatabase, type TestDatabase } from '../src/testing.js';

describe('ledger repository', () => {
  let database: TestDatabase;
  let db: Kysely<Database>;
  before(async () => {
    database = await createTestDatabase();
    db = createDb({ connectionString: database.url, max: 2 });
    await db.insertInto('borrowers').values([{ id: 'B1', last_seq: 0 }, { id: 'B2', last_seq: 0 }, { id: 'B3', last_seq: 0 }]).execute();
  });
  after(async () => {
    await db?.destroy();
    await database?.drop();
  });

  const save = (delta: Parameters<typeof saveBorrowerLedgerDelta>[2], seq: number) => db.transaction().execute((trx) => saveBorrowerLedgerDelta(trx, 'B1', delta, seq));

  it('appends, cuts back, rewrites and shortens lists; loads them in order', async () => {
    await save({ head: { v: 1 }, lists: { log: { keep: 0, append: ['a', 'b', 'c'] }, history: { keep: 0, append: [{ x: 1 }, { x: "q'\"\\" }] } } }, 3);
    let stored = await loadBorrowerLedger(db, 'B1');
    assert.deepEqual(stored?.head, { v: 1 });
    assert.equal(stored?.appliedSeq, 3);
    assert.deepEqual(stored?.lists, { history: [{ x: 1 }, { x: "q'\"\\" }], log: ['a', 'b', 'c'] });

    // In order: keep everything, append one.
    await save({ head: { v: 2 }, lists: { log: { keep: 3, append: ['d'] }, history: { keep: 2, append: [] } } }, 4);
    stored = await loadBorrowerLedger(db, 'B1');
    assert.deepEqual(stored?.lists.log, ['a', 'b', 'c', 'd']);

    // Back-dated: log cut at 1 and rewritten longer; history cut at 1 and shorter than before.
    await save({ head: { v: 3 }, lists: { log: { keep: 1, append: ['B', 'C', 'X', 'D'] }, history: { keep: 0, append: [{ y: 2 }] } } }, 5);
    stored = await loadBorrowerLedger(db, 'B1');
    assert.deepEqual(stored?.head, { v: 3 });
    assert.deepEqual(stored?.lists, { history: [{ y: 2 }], log: ['a', 'B', 'C', 'X', 'D'] });
    assert.ok((stored?.bytes ?? 0) > 0);

    // A list cut to nothing.
    await save({ head: { v: 4 }, lists: { log: { keep: 2, append: [] }, history: { keep: 0, append: [] } } }, 6);
    stored = await loadBorrowerLedger(db, 'B1');
    assert.deepEqual(stored?.lists, { log: ['a', 'B'] });

    assert.equal(await loadBorrowerLedger(db, 'nobody'), undefined);
  });

  it('a batch of borrowers in one statement: each borrower’s head, cuts and items, no other’s touched', async () => {
    const saveAll = (saves: Parameters<typeof saveBorrowerLedgerDeltas>[1]) => db.transaction().execute((trx) => saveBorrowerLedgerDeltas(trx, saves));
    const written = await saveAll([
      { borrowerId: 'B2', delta: { head: { b: 2 }, lists: { log: { keep: 0, append: ['x', 'y', 'z'] } } }, appliedSeq: 3 },
      { borrowerId: 'B3', delta: { head: { b: 3 }, lists: { log: { keep: 0, append: ['p'] }, history: { keep: 0, append: [{ h: 1 }] } } }, appliedSeq: 2 },
    ]);
    assert.equal(written.length, 2);
    assert.ok(written[0]! > 0 && written[1]! > 0);
    // B2 cut back and rewritten; B3 only appended to; in one statement again.
    await saveAll([
      { borrowerId: 'B3', delta: { head: { b: 33 }, lists: { log: { keep: 1, append: ['q'] }, history: { keep: 1, append: [] } } }, appliedSeq: 4 },
      { borrowerId: 'B2', delta: { head: { b: 22 }, lists: { log: { keep: 1, append: ['Y'] } } }, appliedSeq: 5 },
    ]);
    const b2 = await loadBorrowerLedger(db, 'B2');
    const b3 = await loadBorrowerLedger(db, 'B3');
    assert.deepEqual([b2?.head, b2?.appliedSeq, b2?.lists], [{ b: 22 }, 5, { log: ['x', 'Y'] }]);
    assert.deepEqual([b3?.head, b3?.appliedSeq, b3?.lists], [{ b: 33 }, 4, { history: [{ h: 1 }], log: ['p', 'q'] }]);
    assert.deepEqual(await db.transaction().execute((trx) => saveBorrowerLedgerDeltas(trx, [])), []);
  });
});

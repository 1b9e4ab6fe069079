import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { createDb, insertOperationsWithSeq, isUniqueViolation, type AcceptOperationInput, type Database } from '@lsl/db';
import { createTestDatabase, type TestDatabase } from '@lsl/db/testing';
import { GroupRecorder } from '../src/group-recorder.js';

function input(borrowerId: string, key: string): AcceptOperationInput {
  return {
    id: randomUUID(), borrower_id: borrowerId, type: 'create_payment', natural_key: key, request_hash: 'h', idempotency_key: null,
    params: { borrower_id: borrowerId }, body: { key }, is_migration: false,
    recorded_at: new Date().toISOString(), request_id: null, configs: {}, batch_id: null, batch_index: null,
  };
}

let database: TestDatabase;
let db: Kysely<Database>;
before(async () => {
  database = await createTestDatabase();
  db = createDb({ connectionString: database.url, max: 4 });
});
after(async () => {
  await db?.destroy();
  await database?.drop();
});

const seqsOf = async (borrowerId: string) =>
  (await db.selectFrom('operations').select(['natural_key', 'seq']).where('borrower_id', '=', borrowerId).orderBy('seq').execute()).map((r) => `${r.natural_key}:${r.seq}`);

describe('group commit at intake', () => {
  it('one statement records several borrowers’ operations, numbered per borrower in the order given, after what each already had', async () => {
    await insertOperationsWithSeq(db, [input('G1', 'a')]);
    const rows = await insertOperationsWithSeq(db, [input('G2', 'x'), input('G1', 'b'), input('G2', 'y'), input('G1', 'c')]);
    assert.deepEqual(rows.map((r) => `${r.borrower_id}/${r.natural_key}:${r.seq}`), ['G2/x:1', 'G1/b:2', 'G2/y:2', 'G1/c:3']);
    const borrower = await db.selectFrom('borrowers').select('last_seq').where('id', '=', 'G1').executeTakeFirstOrThrow();
    assert.equal(Number(borrower.last_seq), 3);
  });

  it('a natural-key collision records nothing of the group and uses no number', async () => {
    await assert.rejects(insertOperationsWithSeq(db, [input('G3', 'a'), input('G3', 'a')]), (e) => isUniqueViolation(e, 'operations_borrower_natural_key'));
    assert.deepEqual(await seqsOf('G3'), []);
  });

  it('concurrent requests: numbered in arrival order without gaps; only the colliding request gets the unique violation', async () => {
    const recorder = new GroupRecorder(db, { maxConcurrent: 1 });
    await recorder.record(input('G4', 'first'));
    const outcomes = await Promise.allSettled(['p1', 'p2', 'first', 'p3', 'p4'].map((key) => recorder.record(input('G4', key))));
    assert.deepEqual(outcomes.map((o) => o.status), ['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    assert.ok(isUniqueViolation((outcomes[2] as PromiseRejectedResult).reason, 'operations_borrower_natural_key'));
    assert.deepEqual(await seqsOf('G4'), ['first:1', 'p1:2', 'p2:3', 'p3:4', 'p4:5']);
  });

  it('many requests at once are recorded by few statements, each borrower’s in arrival order', async () => {
    // One statement at a time: two running at once order their borrowers' numbers by which
    // locks the borrower first (both requests are in flight then, so neither came first).
    const recorder = new GroupRecorder(db, { maxGroup: 50, maxConcurrent: 1 });
    const keys = Array.from({ length: 120 }, (_, i) => `k${String(i).padStart(3, '0')}`);
    const rows = await Promise.all(keys.map((key, i) => recorder.record(input(`G5-${i % 3}`, key))));
    for (let b = 0; b < 3; b++) {
      const mine = rows.filter((r) => r.borrower_id === `G5-${b}`);
      assert.deepEqual(mine.map((r) => r.seq), mine.map((_, i) => i + 1), 'arrival order, no gap');
    }
  });
});

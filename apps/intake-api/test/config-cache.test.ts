import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { CONFIG_KINDS, DEFAULT_CONFIG_ID, DEFAULT_CONFIGS, exampleRequest, parseOperation } from '@lsl/contracts';
import { createDb, ensureConfigs, insertOperationWithSeq, isStaleConfig, putConfig, type Database } from '@lsl/db';
import { createTestDatabase, type TestDatabase } from '@lsl/db/testing';
import { ConfigCache } from '@lsl/ledger-store';
import { acceptOperation } from '../src/accept-operation.js';
import { GroupRecorder } from '../src/group-recorder.js';

let database: TestDatabase;
let db: Kysely<Database>;
before(async () => {
  database = await createTestDatabase();
  db = createDb({ connectionString: database.url, max: 4 });
  await ensureConfigs(db, CONFIG_KINDS.map((kind) => ({ kind, id: DEFAULT_CONFIG_ID, body: { ...DEFAULT_CONFIGS[kind] } })));
});
after(async () => {
  await db?.destroy();
  await database?.drop();
});

/** A valid create-loan of `loanId` for `borrowerId`, parsed as intake parses it. */
function createLoan(borrowerId: string, loanId: string) {
  const { body } = exampleRequest('create_loan');
  const parsed = parseOperation('create_loan', { params: { borrower_id: borrowerId, loan_id: loanId }, query: {}, body });
  assert.ok(parsed.ok);
  return { parsed: parsed.value, rawBody: body };
}

const lastSeqOf = async (borrowerId: string) =>
  Number((await db.selectFrom('borrowers').select('last_seq').where('id', '=', borrowerId).executeTakeFirst())?.last_seq ?? 0);

const putLateFee = (amount: number) => putConfig(db, 'loans', DEFAULT_CONFIG_ID, { ...DEFAULT_CONFIGS.loans, late_fee_amount: amount });

describe('intake’s config cache', () => {
  it('an operation is recorded with the version in force, even when the cache holds an older one', async () => {
    const configCache = new ConfigCache();
    const ctx = { db, configCache };
    const first = createLoan('CC1', 'L1');
    const a = await acceptOperation(ctx, first.parsed, { rawBody: first.rawBody });
    const v1 = (a.row.configs as { loans: { version: number } }).loans.version;
    assert.equal(configCache.get('loans', DEFAULT_CONFIG_ID)?.version, v1, 'the look-up was cached');

    const { row: newer } = await putLateFee(1234);
    assert.equal(newer.version, v1 + 1);
    const second = createLoan('CC1', 'L2');
    const b = await acceptOperation(ctx, second.parsed, { rawBody: second.rawBody });
    const stored = (b.row.configs as { loans: { version: number; late_fee_amount: number } }).loans;
    assert.deepEqual([stored.version, stored.late_fee_amount], [v1 + 1, 1234], 'the stale entry was caught by the insert and resolved again');
    assert.equal(configCache.get('loans', DEFAULT_CONFIG_ID)?.version, v1 + 1);
    assert.deepEqual([a.row.seq, b.row.seq, await lastSeqOf('CC1')], [1, 2, 2], 'the failed insert used no number');
  });

  it('through group commit: the stale operations of a group are resolved again, every number used once', async () => {
    const configCache = new ConfigCache();
    const { record } = new GroupRecorder(db, { maxConcurrent: 1 });
    const warm = createLoan('CC2', 'W');
    await acceptOperation({ db, record, configCache }, warm.parsed, { rawBody: warm.rawBody });
    const { row: newer } = await putLateFee(4321);
    const loans = Array.from({ length: 12 }, (_, i) => createLoan(`CC2-${i % 3}`, `L${i}`));
    const rows = (await Promise.all(loans.map((l) => acceptOperation({ db, record, configCache }, l.parsed, { rawBody: l.rawBody })))).map((r) => r.row);
    for (const row of rows) assert.equal((row.configs as { loans: { version: number } }).loans.version, newer.version);
    for (let b = 0; b < 3; b++) {
      const seqs = rows.filter((r) => r.borrower_id === `CC2-${b}`).map((r) => r.seq);
      assert.deepEqual(seqs, [1, 2, 3, 4]);
      assert.equal(await lastSeqOf(`CC2-${b}`), 4);
    }
  });

  it('the insert itself refuses a config version no longer in force (SQLSTATE LSL01), recording nothing', async () => {
    const { row: current } = await putLateFee(999);
    const stale = { loans: { ...DEFAULT_CONFIGS.loans, id: DEFAULT_CONFIG_ID, version: current.version - 1 } };
    const input = {
      id: randomUUID(), borrower_id: 'CC3', type: 'create_loan' as const, natural_key: 'create_loan:L1', request_hash: 'h', idempotency_key: null,
      params: { borrower_id: 'CC3', loan_id: 'L1' }, body: {}, is_migration: false, recorded_at: new Date().toISOString(),
      request_id: null, configs: stale, batch_id: null, batch_index: null,
    };
    await assert.rejects(insertOperationWithSeq(db, input), (e) => isStaleConfig(e));
    assert.equal(await lastSeqOf('CC3'), 0);
    const ok = await insertOperationWithSeq(db, { ...input, id: randomUUID(), configs: { loans: { ...stale.loans, version: current.version } } });
    assert.equal(ok.seq, 1);
  });
});

/**
 * End to end (server + one more worker process, real Postgres and Redis): a borrower gets
 * many in-order operations, then back-dated ones; the stored head + items must restore to
 * the state a fresh replay of the recorded operations gives:
 * - applying the operations rows in seq order to an empty state gives the same document;
 * - applying them in effective order (nothing back-dated) gives the same statuses.
 * Two worker processes share the borrower, so batches start both from a cached state and
 * from one read back from Postgres.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { createDb, loadBorrowerLedger, type Database, type OperationRow } from '@lsl/db';
import { apply, emptyState, historyOf, persistDelta, restoreState, statusAt, type BorrowerState, type LedgerOperation } from '@lsl/ledger';
import type { Kysely } from 'kysely';
import { createLoanBody, paymentBody, startSystem, type System } from '../../../test/helpers.js';
import { decodeOperation } from '@lsl/ledger-store';

const OPTIONS = { timeZone: 'America/Bogota' };
const BORROWER = 'B-items';
const WAIT = { prefer: 'wait=10' };
const MIG = '?is_migration=true';

describe('ledger items: a back-dated operation after many in-order ones', () => {
  let system: System;
  let db: Kysely<Database>;
  before(async () => {
    system = await startSystem({ serverWorkerConcurrency: 1, workers: 1, partitions: 2 });
    db = createDb({ connectionString: system.databaseUrl, max: 2 });
  });
  after(async () => {
    await db?.destroy();
    await system?.stop();
  });

  const pay = async (id: string, day: string, amount: number) => {
    const res = await system.api.post(`/v1/borrowers/${BORROWER}/payments/${id}/create${MIG}`, paymentBody(amount, day, `req-${id}`), WAIT);
    assert.equal(res.status, 200, JSON.stringify(res.body));
  };

  async function storedState(): Promise<BorrowerState> {
    const stored = await loadBorrowerLedger(db, BORROWER);
    assert.ok(stored, 'a stored ledger');
    return restoreState(stored.head, stored.lists);
  }

  async function recordedOperations(): Promise<LedgerOperation[]> {
    const rows = (await db.selectFrom('operations').selectAll().where('borrower_id', '=', BORROWER).orderBy('seq').execute()) as OperationRow[];
    return rows.map((r) => decodeOperation(r));
  }

  function effectiveDay(op: LedgerOperation): string {
    const b = op.body as any;
    return (b.loan?.origination_date ?? b.payment?.payment_date ?? b.ownership_transfer?.effective_date ?? op.recordedAt).slice(0, 10);
  }

  it('stored items restore to the fresh replay of the recorded operations', async () => {
    for (const loan of ['L1', 'L2']) {
      const res = await system.api.post(`/v1/borrowers/${BORROWER}/loans/${loan}/create${MIG}`, createLoanBody({ request_id: `req-${loan}` }), WAIT);
      assert.equal(res.status, 200, JSON.stringify(res.body));
    }
    // 60 in-order payments, one every 2 days from 2024-01-16 (several snapshots).
    const day = (k: number) => new Date(Date.UTC(2024, 0, 16 + 2 * k)).toISOString().slice(0, 10);
    for (let k = 0; k < 60; k++) await pay(`P${k}`, day(k), 20_000 + k);
    const inOrder = await storedState();
    assert.equal(inOrder.log?.length, 62);

    // Back-dated: far back (before most of the log), then near the end, then a transfer in between.
    await pay('BACK1', '2024-01-20', 77_777);
    await pay('BACK2', day(55), 1_234.56);
    const transfer = await system.api.post(`/v1/borrowers/loans/transfer_ownership${MIG}`, [{
      borrower_id: BORROWER, loan_id: 'L2', occurred_on: '2024-03-01T08:00:00-05:00',
      ownership_transfer: { effective_date: '2024-03-01T00:00:00-05:00', new_owner: 'BANK_7' }, request_id: 'req-T1',
    }], WAIT);
    assert.equal(transfer.body.succeeded?.length, 1, JSON.stringify(transfer.body));
    await pay('LAST', day(70), 5_000);

    const stored = await storedState();
    const ops = await recordedOperations();
    assert.equal(stored.log?.length, ops.length);

    // The same operations in seq order, applied in memory: the same stored form.
    let bySeq = emptyState(BORROWER);
    for (const op of ops) bySeq = apply(bySeq, op, OPTIONS).state;
    assert.equal(JSON.stringify(persistDelta(undefined, stored)), JSON.stringify(persistDelta(undefined, bySeq)));

    // In effective order (nothing back-dated): the same statuses and history.
    const sorted = [...ops].sort((a, b) => effectiveDay(a).localeCompare(effectiveDay(b)) || a.seq - b.seq);
    let fresh = emptyState(BORROWER);
    for (const op of sorted) fresh = apply(fresh, op, OPTIONS).state;
    for (const d of ['2024-01-20', '2024-02-16', '2024-03-01', '2024-03-20', '2024-05-10', '2024-08-01']) {
      assert.deepEqual(statusAt(stored, d, OPTIONS), statusAt(fresh, d, OPTIONS), d);
    }
    assert.deepEqual(historyOf(stored, OPTIONS), historyOf(fresh, OPTIONS));

    // No stray items beyond the head's lengths; the reads API serves the same status.
    const client = new pg.Client({ connectionString: system.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query('select list, count(*)::int as n, max(idx)::int as top from ledger_items where borrower_id = $1 group by list', [BORROWER]);
      for (const r of rows) assert.equal(r.top, r.n - 1, `${r.list}: items 0..${r.n - 1}`);
    } finally {
      await client.end();
    }
    const api = await system.api.get(`/v1/borrowers/${BORROWER}/get_status?calculation_date=2024-05-10`);
    assert.equal(api.status, 200);
    assert.deepEqual(api.body, { request_id: null, ...JSON.parse(JSON.stringify(statusAt(fresh, '2024-05-10', OPTIONS))) });
  });
});

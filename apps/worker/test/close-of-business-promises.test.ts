/**
 * Promises to pay at the close of business (docs/guarantees.md "Close of business", docs/ledger.md
 * "Promise to pay") against Postgres, the lender day moved by an injected clock (never slept):
 * a promise kept by two partial payments (the second reports `promise.kept`, the close nothing),
 * one broken at the close after its due date, reported once even when that day's close runs
 * twice at once and again, then kept by a payment recorded late but effective in its window.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import { createDb, type Database } from '@lsl/db';
import { createTestDatabase, type TestDatabase } from '@lsl/db/testing';
import { statusAt } from '@lsl/ledger';
import { loadStoredState } from '@lsl/ledger-store';
import { applyPendingBatch } from '../src/apply-pending.js';
import { runCloseOfBusiness } from '../src/close-of-business.js';
import { createLoan, LEDGER, noonOf, pay, promise } from './portfolio-fixtures.js';

let database: TestDatabase;
let db: Kysely<Database>;
before(async () => {
  database = await createTestDatabase();
  db = createDb({ connectionString: database.url, max: 6 });
});
after(async () => {
  await db?.destroy();
  await database?.drop();
});

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const close = (day: string) => runCloseOfBusiness({ db, ledger: LEDGER, now: () => noonOf(day), batchSize: 2 });
const applyOn = (borrowerId: string, day: string) => applyPendingBatch(db, [borrowerId], { ledger: LEDGER, now: () => noonOf(day) });
const LOAN = { loanId: 'L1', origination: '2024-01-15', dues: ['2024-04-15', '2024-05-15'] };

/** The borrower's domain events of the promises, in the borrower's event order: [type, effective_date, payload]. */
async function promiseEvents(borrowerId: string): Promise<Array<[string, string | null, Record<string, unknown>]>> {
  const rows = await db.selectFrom('events').selectAll().where('borrower_id', '=', borrowerId).where('type', 'in', ['promise.kept', 'promise.broken']).orderBy('position').execute();
  return rows.map((e) => [e.type, e.effective_date, e.payload as Record<string, unknown>]);
}

async function promiseState(borrowerId: string, day: string) {
  const state = (await loadStoredState(db, borrowerId))!.state;
  return statusAt(state, day, LEDGER).promises;
}

describe('close of business: promises to pay', () => {
  it('kept by two partial payments; broken at the close after its due date, once, even when the day is closed twice', async () => {
    await createLoan(db, 'B1', LOAN);
    await createLoan(db, 'B2', LOAN);
    await applyOn('B1', '2024-02-28');
    await applyOn('B2', '2024-02-28');
    await close('2024-02-29');

    await promise(db, 'B1', 'PR1', '2024-03-01', { amount: 1000, due_date: '2024-03-05', loan_id: 'L1' });
    await promise(db, 'B2', 'PR2', '2024-03-01', { amount: 1000, due_date: '2024-03-05' });
    await applyOn('B1', '2024-03-01');
    await applyOn('B2', '2024-03-01');
    await close('2024-03-01');
    await pay(db, 'B1', 'P1', 400, '2024-03-02', 'L1');
    await pay(db, 'B2', 'P1', 300, '2024-03-02');
    await applyOn('B1', '2024-03-02');
    await applyOn('B2', '2024-03-02');
    await close('2024-03-03');
    await pay(db, 'B1', 'P2', 600, '2024-03-04', 'L1');
    await applyOn('B1', '2024-03-04');
    assert.deepEqual(await promiseEvents('B1'), [
      ['promise.kept', '2024-03-04', { kordev_id: 4, promise_id: 'PR1', amount: 1000, due_date: '2024-03-05', paid_toward: 1000, back_dated: false, replayed_operations: 0 }],
    ]);

    // Through the due date nothing breaks; the close of the next day reports PR2, twice at once and again.
    for (let day = '2024-03-04'; day <= '2024-03-05'; day = addDays(day, 1)) await close(day);
    assert.deepEqual(await promiseEvents('B2'), []);
    const [first, second] = await Promise.all([
      runCloseOfBusiness({ db, ledger: LEDGER, now: () => noonOf('2024-03-06') }),
      runCloseOfBusiness({ db, ledger: LEDGER, now: () => noonOf('2024-03-06') }),
    ]);
    const broken = [...first.days, ...second.days].reduce((n, d) => n + d.promisesBroken, 0);
    assert.equal(broken, 1);
    await close('2024-03-06');
    await close('2024-03-07');
    assert.deepEqual(await promiseEvents('B2'), [
      ['promise.broken', '2024-03-06', { kordev_id: null, back_dated: false, replayed_operations: 0, promise_id: 'PR2', amount: 1000, due_date: '2024-03-05', paid_toward: 300 }],
    ]);
    const [broke] = await db.selectFrom('events').select(['operation_id', 'loan_id']).where('borrower_id', '=', 'B2').where('type', '=', 'promise.broken').execute();
    assert.deepEqual(broke, { operation_id: null, loan_id: null });
    assert.deepEqual((await promiseState('B2', '2024-03-07')).map((p) => [p.id, p.state, p.paid_toward]), [['PR2', 'broken', 300]]);
    assert.deepEqual((await promiseState('B1', '2024-03-07')).map((p) => [p.id, p.state, p.paid_toward]), [['PR1', 'kept', 1000]]);
    assert.deepEqual(await promiseEvents('B1'), (await promiseEvents('B1')).slice(0, 1));
  });

  it('a payment effective in the window, recorded after the promise was reported broken, keeps it: promise.kept after promise.broken, and no second broken', async () => {
    // Recorded on 03-08 as of 03-04 (is_migration): the ledger replays nothing (nothing of B2
    // is effective after it), so the event is not back-dated in the ledger's sense.
    await pay(db, 'B2', 'P2', 700, '2024-03-04');
    await applyOn('B2', '2024-03-08');
    const events = await promiseEvents('B2');
    assert.deepEqual(events.map(([type, day, payload]) => [type, day, payload.paid_toward]), [
      ['promise.broken', '2024-03-06', 300],
      ['promise.kept', '2024-03-04', 1000],
    ]);
    assert.deepEqual((await promiseState('B2', '2024-03-08')).map((p) => [p.state, p.paid_toward]), [['kept', 1000]]);
    await close('2024-03-08');
    await close('2024-03-09');
    assert.equal((await promiseEvents('B2')).length, 2);
  });
});

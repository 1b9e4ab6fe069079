/**
 * The close of business (docs/guarantees.md "Close of business") against Postgres, the lender
 * day moved by an injected clock (never slept): bucket boundaries crossed as days pass, one set
 * of events for a day closed twice (in turn and at once), three missed days caught up in order,
 * a back-dated payment clearing a delinquency, and the BullMQ job scheduler it runs on.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { createDb, lastClosedDay, listPortfolioLoans, type Database } from '@lsl/db';
import { createTestDatabase, type TestDatabase } from '@lsl/db/testing';
import { statusAt } from '@lsl/ledger';
import { loadStoredState } from '@lsl/ledger-store';
import { createQueueBackend } from '@lsl/queue';
import { applyPendingBatch } from '../src/apply-pending.js';
import { runCloseOfBusiness } from '../src/close-of-business.js';
import { CLOSE_SCHEDULER_ID, startCloseOfBusiness } from '../src/close-scheduler.js';
import { createLoan, LEDGER, noonOf, pay } from './portfolio-fixtures.js';

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

async function changes(borrowerId: string): Promise<Array<[string | null, unknown]>> {
  const events = await db.selectFrom('events').selectAll().where('borrower_id', '=', borrowerId).where('type', '=', 'loan.delinquency_changed').orderBy('position').execute();
  return events.map((e) => {
    const { from, to, days_past_due, ...envelope } = e.payload as Record<string, unknown>;
    assert.deepEqual(envelope, { kordev_id: null, back_dated: false, replayed_operations: 0 });
    assert.equal(e.operation_id, null);
    return [e.effective_date, { from, to, days_past_due }];
  });
}

describe('close of business', () => {
  it('a loan crosses each bucket boundary as days pass; a day closed twice reports once', async () => {
    // First due 2024-02-15; created on 2024-02-10 (current).
    await createLoan(db, 'B1', { loanId: 'L1', origination: '2024-01-15', dues: ['2024-02-15', '2024-03-15', '2024-04-15', '2024-05-15', '2024-06-15', '2024-07-15', '2024-08-15', '2024-09-15'] });
    await applyPendingBatch(db, ['B1'], { ledger: LEDGER, now: () => noonOf('2024-02-10') });
    const run = await close('2024-02-10');
    assert.deepEqual(run.days, [{ day: '2024-02-10', loansChanged: 0, promisesBroken: 0 }]);
    for (let day = '2024-02-11'; day <= '2024-02-17'; day = addDays(day, 1)) await close(day);
    assert.deepEqual(await changes('B1'), [['2024-02-16', { from: 'CURRENT', to: '1-30', days_past_due: 1 }]]);
    // The same day again, in turn and twice at once: nothing more.
    await close('2024-02-17');
    await Promise.all([runCloseOfBusiness({ db, ledger: LEDGER, now: () => noonOf('2024-02-18') }), runCloseOfBusiness({ db, ledger: LEDGER, now: () => noonOf('2024-02-18') })]);
    assert.equal((await changes('B1')).length, 1);
    // Day by day through 2024-08-20: each boundary once, on its day (D + 31, + 61, + 91, + 181).
    for (let day = '2024-02-19'; day <= '2024-08-20'; day = addDays(day, 1)) await close(day);
    assert.deepEqual(await changes('B1'), [
      ['2024-02-16', { from: 'CURRENT', to: '1-30', days_past_due: 1 }],
      ['2024-03-17', { from: '1-30', to: '31-60', days_past_due: 31 }],
      ['2024-04-16', { from: '31-60', to: '61-90', days_past_due: 61 }],
      ['2024-05-16', { from: '61-90', to: '91-180', days_past_due: 91 }],
      ['2024-08-14', { from: '91-180', to: '181+', days_past_due: 181 }],
    ]);
    assert.equal(await lastClosedDay(db), '2024-08-20');
  });

  it('three days down: the missed days are closed in order when it comes back', async () => {
    await createLoan(db, 'B2', { loanId: 'L1', origination: '2024-07-01', dues: ['2024-08-19', '2024-09-19'] });
    await createLoan(db, 'B2', { loanId: 'L2', origination: '2024-07-01', dues: ['2024-08-18'] });
    await applyPendingBatch(db, ['B2'], { ledger: LEDGER, now: () => noonOf('2024-08-18') });
    const run = await close('2024-08-23');
    assert.deepEqual(run.days.map((d) => d.day), ['2024-08-21', '2024-08-22', '2024-08-23']);
    assert.deepEqual(await changes('B2'), [
      ['2024-08-21', { from: 'CURRENT', to: '1-30', days_past_due: 2 }],
      ['2024-08-21', { from: 'CURRENT', to: '1-30', days_past_due: 3 }],
    ]);
  });

  it('a back-dated payment clears a delinquency: get_status and get_summary at once, the event at the next close', async () => {
    await createLoan(db, 'B3', { loanId: 'L1', origination: '2024-07-01', dues: ['2024-07-20', '2024-08-20'] });
    await applyPendingBatch(db, ['B3'], { ledger: LEDGER, now: () => noonOf('2024-08-23') });
    await close('2024-08-24');
    const stateBefore = (await loadStoredState(db, 'B3'))!.state;
    assert.equal(statusAt(stateBefore, '2024-08-24', LEDGER).loans[0]!.delinquency.bucket, '31-60');
    // Every installment as scheduled: a payment pays future installments as scheduled, interest
    // included (docs/ledger.md "Payoff and prepayment"), so this leaves nothing owing.
    const everything = statusAt(stateBefore, '2024-07-10', LEDGER).loans[0]!.installments.reduce((sum, i) => sum + i.scheduled_amount, 0);
    await pay(db, 'B3', 'P1', Math.round(everything * 100) / 100, '2024-07-10');
    await applyPendingBatch(db, ['B3'], { ledger: LEDGER, now: () => noonOf('2024-08-24') });
    const state = (await loadStoredState(db, 'B3'))!.state;
    assert.deepEqual(statusAt(state, '2024-08-24', LEDGER).loans[0]!.delinquency, { days_past_due: 0, bucket: 'CURRENT', since: null });
    const [row] = (await listPortfolioLoans(db, '2024-08-24', {}, undefined, 1000)).filter((r) => r.borrower_id === 'B3');
    assert.equal(row!.days_past_due, 0);
    assert.equal(row!.delinquency_bucket, 'CURRENT');
    await close('2024-08-25');
    assert.deepEqual((await changes('B3')).slice(-1), [['2024-08-25', { from: '31-60', to: 'CURRENT', days_past_due: 0 }]]);
  });

  it('runs on a BullMQ job scheduler at midnight in the ledger time zone, and catches up when it starts', async () => {
    const backend = await createQueueBackend({ redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', prefix: `lsltest-cob-${randomBytes(4).toString('hex')}` });
    const prefix = `lsltest-cob-${randomBytes(4).toString('hex')}`;
    const days: string[] = [];
    const running = await startCloseOfBusiness({ db, ledger: LEDGER, now: () => noonOf('2024-08-27'), backend, prefix, onDay: (d) => days.push(d.day) });
    try {
      const scheduler = await running.queue.getJobScheduler(CLOSE_SCHEDULER_ID);
      assert.equal(scheduler?.pattern, '0 0 * * *');
      assert.equal(scheduler?.tz, LEDGER.timeZone);
      for (let i = 0; i < 100 && days.length < 2; i++) await new Promise((r) => setTimeout(r, 100));
      assert.deepEqual(days, ['2024-08-26', '2024-08-27']);
      // A second process starting the same day: the same scheduler, no second catch-up job.
      const second = await startCloseOfBusiness({ db, ledger: LEDGER, now: () => noonOf('2024-08-27'), backend, prefix });
      assert.equal((await running.queue.getJobSchedulers()).length, 1);
      await second.close();
    } finally {
      await running.close();
      await running.queue.obliterate({ force: true }).catch(() => {});
      await backend.close();
    }
  });
});

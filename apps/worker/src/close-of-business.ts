/**
 * The close of business (docs/guarantees.md "Close of business"): once per lender day, at
 * midnight in the ledger's time zone, every open loan is judged as of the new day and each
 * change of delinquency bucket is reported (`loan.delinquency_changed`), and every promise to
 * pay whose due date has passed unpaid is reported broken (`promise.broken`). Days missed while
 * nothing ran are closed in order first. The run is idempotent: each borrower's changes are
 * judged and recorded under its ledger lock, so two runs of one day report each change once.
 */
import type { Kysely } from 'kysely';
import { borrowersBreakingPromises, borrowersChangingBucket, closeBorrowersDay, lastClosedDay, lockBorrowerLedgers, markDayClosed, reportBrokenPromises, type Database } from '@lsl/db';
import { toDay, type LedgerOptions } from '@lsl/ledger';

export interface CloseOfBusinessOptions {
  db: Kysely<Database>;
  ledger: LedgerOptions;
  /** The clock (injected by tests to move the lender day). */
  now?: () => Date;
  /** Borrowers locked and closed per transaction. */
  batchSize?: number;
  onDay?: (day: { day: string; loansChanged: number; promisesBroken: number; ms: number }) => void;
}

export interface CloseOfBusinessRun {
  days: Array<{ day: string; loansChanged: number; promisesBroken: number }>;
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * Closes every lender day after the last closed one, up to today (only today on a first run),
 * in order. Each day: one scan finds the borrowers whose loans change bucket, then they are
 * closed `batchSize` at a time, each batch one transaction under their locks.
 */
export async function runCloseOfBusiness(options: CloseOfBusinessOptions): Promise<CloseOfBusinessRun> {
  const today = toDay((options.now?.() ?? new Date()).toISOString(), options.ledger.timeZone);
  const last = await lastClosedDay(options.db);
  const days: CloseOfBusinessRun['days'] = [];
  for (let day = last === null ? today : nextDay(last); day <= today; day = nextDay(day)) {
    const started = Date.now();
    const { loansChanged, promisesBroken } = await closeDay(options, day);
    await markDayClosed(options.db, day, loansChanged);
    days.push({ day, loansChanged, promisesBroken });
    options.onDay?.({ day, loansChanged, promisesBroken, ms: Date.now() - started });
  }
  return { days };
}

/**
 * One day: the borrowers whose loans change bucket or whose promises break (two scans of the
 * read models), closed `batchSize` at a time, each batch one transaction under their locks:
 * bucket changes first, then broken promises, so a borrower's events of the day are in that order.
 */
async function closeDay(options: CloseOfBusinessOptions, day: string): Promise<{ loansChanged: number; promisesBroken: number }> {
  const [changing, breaking] = await Promise.all([borrowersChangingBucket(options.db, day), borrowersBreakingPromises(options.db, day)]);
  const breakingSet = new Set(breaking);
  const borrowers = [...new Set([...changing, ...breaking])].sort();
  const changingSet = new Set(changing);
  const size = options.batchSize ?? 500;
  let loansChanged = 0;
  let promisesBroken = 0;
  for (let i = 0; i < borrowers.length; i += size) {
    const batch = borrowers.slice(i, i + size);
    const counts = await options.db.transaction().execute(async (trx) => {
      // Every lock of the batch at once, in id order (as the worker takes them): no deadlock.
      await lockBorrowerLedgers(trx, batch);
      return {
        loans: await closeBorrowersDay(trx, day, batch.filter((id) => changingSet.has(id))),
        promises: await reportBrokenPromises(trx, day, batch.filter((id) => breakingSet.has(id))),
      };
    });
    loansChanged += counts.loans;
    promisesBroken += counts.promises;
  }
  return { loansChanged, promisesBroken };
}

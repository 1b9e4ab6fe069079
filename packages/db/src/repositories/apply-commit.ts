import { sql, type Transaction } from 'kysely';
import type { PortfolioLoan } from '@lsl/ledger';
import { APPLIED_CHANNEL } from '../applied-listener.js';
import type { Database } from '../schema.js';
import { insertEventsSql, type EventInput } from './events.js';
import { ledgerDeltaCtes, type LedgerDelta } from './ledgers.js';
import { completeOperationsSql, type OperationResult } from './operations.js';
import { portfolioCtes } from './portfolio.js';

export interface AppliedBatchWrites {
  /** Each applied operation's result. */
  results: OperationResult[];
  completedAt: Date;
  /** The events reporting them, in log order (their `position`s follow it). */
  events: EventInput[];
  /** Each borrower's state (at most once each), as in `saveBorrowerLedgerDeltas`. */
  saves: ReadonlyArray<{ borrowerId: string; delta: LedgerDelta; appliedSeq: number }>;
  /** The portfolio rows of these borrowers' loans, as in `upsertPortfolioLoans`. */
  portfolio: PortfolioLoan[];
}

/**
 * Everything an apply transaction writes after applying, in ONE statement (one round trip and
 * one parse however many borrowers): the results (`completeOperations`), the events
 * (`insertEvents`), the borrowers' states (`saveBorrowerLedgerDeltas`), the portfolio rows
 * (`upsertPortfolioLoans`) and the `Prefer: wait` notification of each saved borrower
 * (`notifyApplied`, delivered at commit). Each part writes its own table's rows, so the parts
 * need not see each other's writes (data-modifying CTEs share one snapshot). Returns the
 * characters of JSON written per save, in the order given.
 */
export async function commitAppliedBatch(trx: Transaction<Database>, writes: AppliedBatchWrites): Promise<number[]> {
  const { results, completedAt, events, saves, portfolio } = writes;
  const { written, ctes: ledgerCtes } = ledgerDeltaCtes(saves, new Date());
  await sql`
    with completed as (${completeOperationsSql(results, completedAt)}), logged as (${insertEventsSql(events, completedAt)}),
    ${ledgerCtes}, ${portfolioCtes(portfolio)}, notified as (
      select pg_notify(${APPLIED_CHANNEL}, b) from unnest(${saves.map((s) => s.borrowerId)}::text[]) as b
    )
    select (select count(*) from completed) as completed, (select count(*) from logged) as events,
      (select count(*) from saved_items) as items, (select count(*) from portfolio_saved) as loans,
      (select count(*) from notified) as notified`.execute(trx);
  return written;
}

import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { PortfolioLoan } from '@lsl/ledger';
import { APPLIED_CHANNEL } from '../applied-listener.js';
import type { Database, OperationStatus } from '../schema.js';
import type { EventInput } from './events.js';
import { ledgerDeltaCtes, type LedgerDelta } from './ledgers.js';
import { portfolioCtes } from './portfolio.js';

export interface AppliedBatchWrites {
  /** Each applied operation's result. */
  results: Array<{ id: string; status: Extract<OperationStatus, 'succeeded' | 'failed'>; statusCode: number; body: unknown }>;
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
  const iso = (d: Date | string | undefined) => (d === undefined ? completedAt : new Date(d)).toISOString();
  await sql`
    with completed as (
      update operations o
      set status = v.status, result_status_code = v.code, result_body = v.body::json, completed_at = ${completedAt}::timestamptz
      from unnest(${results.map((r) => r.id)}::uuid[], ${results.map((r) => r.status)}::text[],
                  ${results.map((r) => r.statusCode)}::int[], ${results.map((r) => JSON.stringify(r.body))}::text[])
           as v(id, status, code, body)
      where o.id = v.id
      returning 1
    ), logged as (
      insert into events (id, type, borrower_id, operation_id, batch_id, loan_id, effective_date, occurred_on, payload)
      select e.id, e.type, e.borrower_id, e.operation_id, e.batch_id, e.loan_id, e.effective_date, e.occurred_on, e.payload::json
      from unnest(${events.map(() => randomUUID())}::uuid[], ${events.map((e) => e.type)}::text[], ${events.map((e) => e.borrower_id)}::text[],
                  ${events.map((e) => e.operation_id ?? null)}::uuid[], ${events.map((e) => e.batch_id ?? null)}::uuid[],
                  ${events.map((e) => e.loan_id ?? null)}::text[], ${events.map((e) => e.effective_date ?? null)}::text[],
                  ${events.map((e) => iso(e.occurred_on))}::timestamptz[], ${events.map((e) => JSON.stringify(e.payload))}::text[])
           with ordinality as e(id, type, borrower_id, operation_id, batch_id, loan_id, effective_date, occurred_on, payload, n)
      order by e.n
      returning 1
    ), ${ledgerCtes}, ${portfolioCtes(portfolio)}, notified as (
      select pg_notify(${APPLIED_CHANNEL}, b) from unnest(${saves.map((s) => s.borrowerId)}::text[]) as b
    )
    select (select count(*) from completed) as completed, (select count(*) from logged) as events,
      (select count(*) from saved_items) as items, (select count(*) from portfolio_saved) as loans,
      (select count(*) from notified) as notified`.execute(trx);
  return written;
}

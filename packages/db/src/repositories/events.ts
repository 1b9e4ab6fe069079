import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database, EventRow } from '../schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface EventInput {
  type: string;
  borrower_id: string | null;
  operation_id?: string | null;
  batch_id?: string | null;
  loan_id?: string | null;
  effective_date?: string | null;
  occurred_on?: Date | string;
  payload: unknown;
}

/**
 * Appends events to the event log, in the order given (their `position`s follow it). Call it in
 * the transaction that records what the events report: that is what makes the log an outbox.
 */
export async function insertEvents(db: Db, events: EventInput[]): Promise<void> {
  if (events.length === 0) return;
  await insertEventsSql(events, new Date()).execute(db);
}

/**
 * The statement of `insertEvents` (`returning 1` per event; `occurred_on` defaults to `now`),
 * also a data-modifying CTE of a statement that writes more besides (`commitAppliedBatch`).
 */
export function insertEventsSql(events: EventInput[], now: Date): RawBuilder<unknown> {
  const iso = (d: Date | string | undefined) => (d === undefined ? now : new Date(d)).toISOString();
  return sql`
    insert into events (id, type, borrower_id, operation_id, batch_id, loan_id, effective_date, occurred_on, payload)
    select e.id, e.type, e.borrower_id, e.operation_id, e.batch_id, e.loan_id, e.effective_date, e.occurred_on, e.payload::json
    from unnest(${events.map(() => randomUUID())}::uuid[], ${events.map((e) => e.type)}::text[], ${events.map((e) => e.borrower_id)}::text[],
                ${events.map((e) => e.operation_id ?? null)}::uuid[], ${events.map((e) => e.batch_id ?? null)}::uuid[],
                ${events.map((e) => e.loan_id ?? null)}::text[], ${events.map((e) => e.effective_date ?? null)}::text[],
                ${events.map((e) => iso(e.occurred_on))}::timestamptz[], ${events.map((e) => JSON.stringify(e.payload))}::text[])
         with ordinality as e(id, type, borrower_id, operation_id, batch_id, loan_id, effective_date, occurred_on, payload, n)
    order by e.n
    returning 1`;
}

import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
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
  await db
    .insertInto('events')
    .values(
      events.map((e) => ({
        id: randomUUID(),
        type: e.type,
        borrower_id: e.borrower_id,
        operation_id: e.operation_id ?? null,
        batch_id: e.batch_id ?? null,
        loan_id: e.loan_id ?? null,
        effective_date: e.effective_date ?? null,
        occurred_on: e.occurred_on ?? new Date(),
        payload: JSON.stringify(e.payload),
      })),
    )
    .execute();
}

import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, EventRow } from '../schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** An event row with its `position` as text (a bigint: exact, and opaque to clients as a cursor). */
export type DomainEventRow = Omit<EventRow, 'position' | 'relayed_at'> & { position: string };

export interface DomainEventQuery {
  /** Event types as stored (`loan.originated`); empty or absent: every domain type. */
  types?: string[];
  /** Inclusive bounds on `effective_date` (YYYY-MM-DD). */
  fromDate?: string;
  toDate?: string;
  /** Keyset paging: events after this `position`. */
  afterPosition?: string;
  limit: number;
}

/**
 * One borrower's domain events (the ledger's, docs/events.md), in the order they were written:
 * every event of the log but the operation and batch events that share it.
 */
export async function listDomainEvents(db: Db, borrowerId: string, query: DomainEventQuery): Promise<DomainEventRow[]> {
  let q = db
    .selectFrom('events')
    .select(['id', 'borrower_id', 'type', 'operation_id', 'batch_id', 'loan_id', 'effective_date', 'occurred_on', 'payload'])
    .select(sql<string>`position::text`.as('position'))
    .where('borrower_id', '=', borrowerId)
    .where('type', 'not like', 'operation.%')
    .where('type', 'not like', 'batch.%');
  if (query.types && query.types.length > 0) q = q.where('type', 'in', query.types);
  if (query.fromDate !== undefined) q = q.where('effective_date', '>=', query.fromDate);
  if (query.toDate !== undefined) q = q.where('effective_date', '<=', query.toDate);
  if (query.afterPosition !== undefined) q = q.where('position', '>', query.afterPosition as never);
  return q.orderBy('events.position').limit(query.limit).execute();
}

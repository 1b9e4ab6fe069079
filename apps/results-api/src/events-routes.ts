import { Router, type Request, type Response } from 'express';
import type { Kysely } from 'kysely';
import { AppError, DOMAIN_EVENT_GROUPS, eventGroupOf, getEventsQuerySchema, idSchema, parsePathId, parseQuery } from '@lsl/contracts';
import { borrowerExists, listDomainEvents, type Database, type DomainEventRow } from '@lsl/db';

const DEFAULT_PAGE = 100;

const ENVELOPE = new Set(['id', 'occurred_on', 'effective_date', 'operation_id', 'loan_id']);

/** One entry as get_events lists it: the envelope, then the event's own payload (which never overrides the envelope). */
function entryOf(row: DomainEventRow): Record<string, unknown> {
  const stored: unknown = typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload;
  const payload: object = typeof stored === 'object' && stored !== null && !Array.isArray(stored) ? stored : {};
  return {
    id: row.id,
    occurred_on: new Date(row.occurred_on).toISOString(),
    effective_date: row.effective_date,
    operation_id: row.operation_id,
    ...(row.loan_id === null ? {} : { loan_id: row.loan_id }),
    ...Object.fromEntries(Object.entries(payload).filter(([key]) => !ENVELOPE.has(key))),
  };
}

/** `GET /v1/borrowers/{borrower_id}/get_events` (docs/events.md). */
export function createEventsRouter(options: { db: Kysely<Database> }): Router {
  const router = Router();
  const { db } = options;
  router.get('/v1/borrowers/:borrower_id/get_events', async (req: Request, res: Response) => {
    const borrowerId = parsePathId(idSchema, 'borrower_id', req.params.borrower_id);
    const { type, from_date, to_date, cursor, limit = DEFAULT_PAGE } = parseQuery(getEventsQuerySchema, req.query, { message: 'Invalid get_events parameters' });
    const query = {
      types: type ?? [],
      ...(from_date === undefined ? {} : { fromDate: from_date }),
      ...(to_date === undefined ? {} : { toDate: to_date }),
      ...(cursor === undefined ? {} : { afterPosition: cursor }),
      limit,
    };
    // One more than the page: whether a next page exists, without an empty last page.
    const fetched = await listDomainEvents(db, borrowerId, { ...query, limit: query.limit + 1 });
    const rows = fetched.slice(0, query.limit);
    if (rows.length === 0 && query.afterPosition === undefined && !(await borrowerExists(db, borrowerId))) {
      throw new AppError('not_found', `No borrower ${borrowerId}`, { borrower_id: borrowerId });
    }
    const events: Record<string, unknown[]> = {};
    for (const group of DOMAIN_EVENT_GROUPS) events[group] = [];
    for (const row of rows) (events[eventGroupOf(row.type)] ??= []).push(entryOf(row));
    const last = rows[rows.length - 1];
    res.json({
      borrower_id: borrowerId,
      events,
      limit: query.limit,
      next_cursor: fetched.length > query.limit && last !== undefined ? last.position : null,
    });
  });
  return router;
}

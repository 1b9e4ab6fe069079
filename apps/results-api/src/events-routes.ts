import { Router, type Request, type Response } from 'express';
import type { Kysely } from 'kysely';
import { AppError, DOMAIN_EVENT_GROUPS, eventGroupOf } from '@lsl/contracts';
import { borrowerExists, listDomainEvents, type Database, type DomainEventRow } from '@lsl/db';
import { dayOf } from './query-params.js';

const MAX_PAGE = 1000;
const DEFAULT_PAGE = 100;
const TYPE = /^[a-z][a-z_]*[._][a-z_]+$/;

interface EventsQuery {
  types: string[];
  fromDate?: string;
  toDate?: string;
  afterPosition?: string;
  limit: number;
}

/** The query of get_events (docs/events.md); every bad parameter named in one 400. */
function eventsQueryOf(req: Request): EventsQuery {
  const fields: Record<string, string> = {};
  const q = req.query;
  const one = (name: string): string | undefined => {
    const value = q[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') {
      fields[`query.${name}`] = 'Give it once';
      return undefined;
    }
    return value;
  };
  const types: string[] = [];
  const rawType = one('type');
  if (rawType !== undefined) {
    for (const t of rawType.split(',').map((x) => x.trim()).filter(Boolean)) {
      if (!TYPE.test(t) || t.startsWith('operation') || t.startsWith('batch')) fields['query.type'] = `Unknown event type '${t}': a domain event type such as payment_applied or payment.applied`;
      // Stored as `loan.originated`; the first underscore-or-dot separates subject and verb for
      // the types of docs/reads.md (positive_balance.reimbursed has two words in its subject).
      else types.push(storedTypeOf(t));
    }
  }
  const day = (name: string): string | undefined => {
    const raw = one(name);
    if (raw === undefined) return undefined;
    try {
      return dayOf(raw, `query.${name}`);
    } catch {
      fields[`query.${name}`] = 'Must be a calendar date YYYY-MM-DD';
      return undefined;
    }
  };
  const fromDate = day('from_date');
  const toDate = day('to_date');
  if (fromDate !== undefined && toDate !== undefined && fromDate > toDate) fields['query.to_date'] = 'Must not be before from_date';
  const rawLimit = one('limit');
  const limit = rawLimit === undefined ? DEFAULT_PAGE : /^\d+$/.test(rawLimit) ? Number(rawLimit) : Number.NaN;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_PAGE) fields['query.limit'] = `Must be an integer from 1 to ${MAX_PAGE}`;
  const cursor = one('cursor');
  if (cursor !== undefined && !/^\d{1,18}$/.test(cursor)) fields['query.cursor'] = 'Must be the next_cursor of a previous page';
  if (Object.keys(fields).length > 0) throw new AppError('validation_failed', 'Invalid get_events parameters', { fields });
  return { types, ...(fromDate === undefined ? {} : { fromDate }), ...(toDate === undefined ? {} : { toDate }), ...(cursor === undefined ? {} : { afterPosition: cursor }), limit };
}

/** The stored (and webhook) name of a type given either way: `payment_applied` → `payment.applied`. */
export function storedTypeOf(type: string): string {
  if (type.includes('.')) return type;
  const known: Record<string, string> = { positive_balance_reimbursed: 'positive_balance.reimbursed' };
  if (known[type] !== undefined) return known[type]!;
  const i = type.indexOf('_');
  return `${type.slice(0, i)}.${type.slice(i + 1)}`;
}

const ENVELOPE = new Set(['id', 'occurred_on', 'effective_date', 'operation_id', 'loan_id']);

/** One entry as get_events lists it: the envelope, then the event's own payload (which never overrides the envelope). */
function entryOf(row: DomainEventRow): Record<string, unknown> {
  const payload = (typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload) as Record<string, unknown>;
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
    const borrowerId = String(req.params.borrower_id);
    const query = eventsQueryOf(req);
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

import { createHash } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import type { Kysely } from 'kysely';
import { AppError, operationStatusBody, getHistoryQuerySchema, getStatusQuerySchema, idSchema, parsePathId, parseQuery } from '@lsl/contracts';
import { getOperation, type Database } from '@lsl/db';
import { historyOf, statusAt, toDay, type HistoryEntry, type LedgerOptions } from '@lsl/ledger';
import { createConfigRouter } from './config-routes.js';
import { createLedgerReader } from './ledger-reader.js';
import { ByteLru, loadBatchStatus } from '@lsl/ledger-store';
import { createEventsRouter } from './events-routes.js';
import { createSimulationRouter } from './simulation-routes.js';

export interface ResultsOptions {
  db: Kysely<Database>;
  ledger: LedgerOptions;
  /** The clock, for the default calculation date. */
  now?: () => Date;
  /** Memory budgets of the read caches, in estimated bytes (0 turns one off). */
  cache?: { stateBytes?: number; responseBytes?: number };
}

const DEFAULT_RESPONSE_CACHE_BYTES = 64 * 1024 * 1024;
/** Rough heap size of one history entry object, for the cache budget. */
const HISTORY_ENTRY_BYTES = 400;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function cacheKey(...parts: string[]): string {
  return parts.join('\u0000');
}

interface Rendered {
  body: string;
  etag: string;
}

function render(value: unknown): Rendered {
  const body = JSON.stringify(value);
  return { body, etag: `W/"${createHash('sha1').update(body).digest('base64url')}"` };
}

/** Sends a rendered JSON body with its ETag; a client holding that body gets a 304. */
function sendRendered(req: Request, res: Response, rendered: Rendered): void {
  res.setHeader('ETag', rendered.etag);
  if (req.headers['if-none-match'] === rendered.etag) {
    res.status(304).end();
    return;
  }
  res.type('application/json').send(rendered.body);
}

/**
 * `limit` (1..1000, default 100) and `offset` (default 0); `cursor` is accepted for `offset`
 * as the OpenAPI document names it (`next_cursor` of the previous page). The bounds are the
 * documented query schema's (`getHistoryQuerySchema`).
 */
function pagingOf(query: { limit?: number; offset?: number; cursor?: number }): { limit: number; offset: number } {
  if (query.offset !== undefined && query.cursor !== undefined) {
    throw new AppError('validation_failed', 'Give offset or cursor, not both', { fields: { 'query.cursor': 'Give offset or cursor, not both' } });
  }
  return { limit: query.limit ?? 100, offset: query.offset ?? query.cursor ?? 0 };
}

export function createResultsRouter(options: ResultsOptions): Router {
  const router = Router();
  const { db } = options;
  router.use(createConfigRouter(db));
  const now = options.now ?? (() => new Date());

  router.get('/v1/operations/:operation_id', async (req: Request, res: Response) => {
    // Only a UUID can name an operation: any other id (within the id bound) is simply not found.
    const id = parsePathId(idSchema, 'operation_id', req.params.operation_id);
    const row = UUID.test(id) ? await getOperation(db, id) : undefined;
    if (!row) throw new AppError('not_found', `No operation ${id}`, { operation_id: id });
    res.json(operationStatusBody(row));
  });

  router.get('/v1/batches/:batch_id', async (req: Request, res: Response) => {
    const id = parsePathId(idSchema, 'batch_id', req.params.batch_id);
    const status = UUID.test(id) ? await loadBatchStatus(db, id) : undefined;
    if (!status) throw new AppError('not_found', `No batch ${id}`, { batch_id: id });
    // 207 once every item is done (the seed's body); 202 with `pending` while some are not.
    res.status(status.done ? 207 : 202).json(status.body);
  });

  const reader = createLedgerReader({ db, stateCacheBytes: options.cache?.stateBytes, ledger: options.ledger });
  const statuses = new ByteLru<Rendered>(options.cache?.responseBytes ?? DEFAULT_RESPONSE_CACHE_BYTES);
  const histories = new ByteLru<HistoryEntry[]>(options.cache?.responseBytes ?? DEFAULT_RESPONSE_CACHE_BYTES);

  /** `calculation_date`, default today in the ledger's time zone. */
  const calculationDay = (day: string | undefined): string => day ?? toDay(now().toISOString(), options.ledger.timeZone);

  router.get('/v1/borrowers/:borrower_id/get_status', async (req: Request, res: Response) => {
    const borrowerId = parsePathId(idSchema, 'borrower_id', req.params.borrower_id);
    const query = parseQuery(getStatusQuerySchema, req.query);
    const day = calculationDay(query.calculation_date);
    const requestId = query.request_id ?? null;
    const { state, version } = await reader.load(borrowerId);
    // A status is a function of the stored state and the day: pollers of one borrower and
    // day get the rendered body until the borrower's state changes.
    const key = cacheKey(borrowerId, version, day);
    let status = statuses.get(key);
    if (status === undefined) {
      status = render(statusAt(state, day, options.ledger));
      statuses.set(key, status, status.body.length * 2);
    }
    sendRendered(req, res, withRequestId(status, requestId));
  });

  router.get('/v1/borrowers/:borrower_id/get_history', async (req: Request, res: Response) => {
    const borrowerId = parsePathId(idSchema, 'borrower_id', req.params.borrower_id);
    const query = parseQuery(getHistoryQuerySchema, req.query);
    const { limit, offset } = pagingOf(query);
    const day = calculationDay(query.calculation_date);
    const { state, version } = await reader.load(borrowerId);
    const key = cacheKey(borrowerId, version, day);
    let entries = histories.get(key);
    if (entries === undefined) {
      entries = historyOf(state, options.ledger, day);
      histories.set(key, entries, entries.length * HISTORY_ENTRY_BYTES);
    }
    const page = entries.slice(offset, offset + limit);
    const nextOffset = offset + page.length < entries.length ? offset + page.length : null;
    res.json({
      borrower_id: borrowerId,
      calculation_date: day,
      total: entries.length,
      offset,
      limit,
      next_offset: nextOffset,
      next_cursor: nextOffset === null ? null : String(nextOffset),
      records: page,
    });
  });

  router.use(createEventsRouter({ db }));
  router.use(createSimulationRouter({ db, ledger: options.ledger, reader, now }));
  return router;
}

/**
 * The cached body with `request_id` (docs/reads.md: the query parameter, echoed) put in front: the
 * status itself does not depend on it, so one rendered body serves every request id.
 */
function withRequestId(rendered: Rendered, requestId: string | null): Rendered {
  const body = `{"request_id":${JSON.stringify(requestId)},${rendered.body.slice(1)}`;
  const tag = createHash('sha1').update(String(requestId)).digest('base64url').slice(0, 10);
  return { body, etag: `${rendered.etag.slice(0, -1)}.${requestId === null ? '-' : tag}"` };
}

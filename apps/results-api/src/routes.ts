import { Router, type Request, type Response } from 'express';
import type { Kysely } from 'kysely';
import { AppError } from '@lsl/contracts';
import { borrowerExists, getBorrowerLedger, getOperation, loadBatchStatus, operationView, type Database } from '@lsl/db';
import { createConfigRouter } from './config-routes.js';
import { deserializeState, emptyState, historyOf, statusAt, toDay, type LedgerOptions } from '@lsl/ledger';

export interface ResultsOptions {
  db: Kysely<Database>;
  ledger: LedgerOptions;
  /** The clock, for the default calculation date. */
  now?: () => Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function isRealDay(day: string): boolean {
  if (!DAY.test(day)) return false;
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}

export function createResultsRouter(options: ResultsOptions): Router {
  const router = Router();
  const { db } = options;
  router.use(createConfigRouter(db));
  const now = options.now ?? (() => new Date());

  router.get('/v1/operations/:operation_id', async (req: Request, res: Response) => {
    const id = String(req.params.operation_id);
    const row = UUID.test(id) ? await getOperation(db, id) : undefined;
    if (!row) throw new AppError('not_found', `No operation ${id}`, { operation_id: id });
    res.json(operationView(row));
  });

  router.get('/v1/batches/:batch_id', async (req: Request, res: Response) => {
    const id = String(req.params.batch_id);
    const status = UUID.test(id) ? await loadBatchStatus(db, id) : undefined;
    if (!status) throw new AppError('not_found', `No batch ${id}`, { batch_id: id });
    // 207 once every item is done (the seed's body); 202 with `pending` while some are not.
    res.status(status.done ? 207 : 202).json(status.body);
  });

  const loadState = async (borrowerId: string) => {
    const ledger = await getBorrowerLedger(db, borrowerId);
    if (ledger) return deserializeState(ledger.state);
    if (await borrowerExists(db, borrowerId)) return emptyState(borrowerId);
    throw new AppError('not_found', `No borrower ${borrowerId}`, { borrower_id: borrowerId });
  };

  router.get('/v1/borrowers/:borrower_id/get_status', async (req: Request, res: Response) => {
    const borrowerId = String(req.params.borrower_id);
    const raw = req.query.calculation_date;
    let day: string;
    if (raw === undefined) day = toDay(now().toISOString(), options.ledger.timeZone);
    else if (typeof raw === 'string' && isRealDay(raw)) day = raw;
    else {
      throw new AppError('validation_failed', 'calculation_date must be a date YYYY-MM-DD', {
        fields: { 'query.calculation_date': 'Must be a calendar date YYYY-MM-DD' },
      });
    }
    const state = await loadState(borrowerId);
    res.json(statusAt(state, day, options.ledger));
  });

  router.get('/v1/borrowers/:borrower_id/get_history', async (req: Request, res: Response) => {
    const borrowerId = String(req.params.borrower_id);
    const fields: Record<string, string> = {};
    const limit = req.query.limit === undefined ? 100 : Number(req.query.limit);
    const offset = req.query.offset === undefined ? 0 : Number(req.query.offset);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) fields['query.limit'] = 'Must be an integer from 1 to 1000';
    if (!Number.isInteger(offset) || offset < 0) fields['query.offset'] = 'Must be a non-negative integer';
    if (Object.keys(fields).length > 0) throw new AppError('validation_failed', 'Invalid paging parameters', { fields });
    const state = await loadState(borrowerId);
    const entries = historyOf(state, options.ledger);
    const page = entries.slice(offset, offset + limit);
    res.json({
      borrower_id: borrowerId,
      total: entries.length,
      offset,
      limit,
      next_offset: offset + page.length < entries.length ? offset + page.length : null,
      entries: page,
    });
  });

  return router;
}

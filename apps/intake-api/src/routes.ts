import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import type { Kysely } from 'kysely';
import { AppError, OPERATIONS, OPERATION_TYPES, parseOperation, parseTransferBatch, type OperationType } from '@lsl/contracts';
import { acceptedView, getOperation, insertBatchReportingCompletion, isFinished, loadBatchStatus, type BatchItem, type Database, type OperationRow } from '@lsl/db';
import type { BorrowerWork, OperationQueues } from '@lsl/queue';
import { acceptOperation } from './accept-operation.js';
import { withIdempotencyKey, type StoredResponse } from './idempotency-key.js';
import { pollUntil, preferredWaitMs } from './prefer-wait.js';
import { bodyFingerprint as requestHash } from '@lsl/contracts';

export interface IntakeOptions {
  db: Kysely<Database>;
  queues: OperationQueues;
  /** The ledger's time zone, for day-level checks of due dates. */
  timeZone: string;
  log?: (message: string, fields?: Record<string, unknown>) => void;
  /** Longest time an enqueue may hold up a 202 when Redis is unreachable. */
  enqueueTimeoutMs?: number;
}

export function createIntakeRouter(options: IntakeOptions): Router {
  const router = Router();
  const { db } = options;
  const log = options.log ?? (() => {});

  /**
   * The operation is already durable in Postgres: if Redis is down, the 202 still stands and
   * the sweeper enqueues the work once Redis is back. So enqueue failures are logged, not thrown.
   */
  const enqueue = async (work: BorrowerWork[]) => {
    if (work.length === 0) return;
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('enqueue timed out')), options.enqueueTimeoutMs ?? 2000).unref());
    try {
      await Promise.race([options.queues.enqueueMany(work), timeout]);
    } catch (error) {
      log('enqueue failed; the sweeper will retry', { error: String(error), operations: work.map((w) => w.operationId) });
    }
  };

  const send = (res: Response, response: StoredResponse) => {
    if (response.location) res.setHeader('Location', response.location);
    if (response.replayed) res.setHeader('Idempotent-Replayed', 'true');
    res.status(response.status).json(response.body);
  };

  for (const type of OPERATION_TYPES) {
    if (type === 'transfer_ownership') continue;
    router.post(OPERATIONS[type].path, async (req: Request, res: Response) => {
      const parsed = parseOperation(type as OperationType, { params: req.params, query: req.query, body: req.body }, { timeZone: options.timeZone });
      if (!parsed.ok) throw parsed.error;
      const waitMs = preferredWaitMs(req);
      const keyHash = requestHash({ path: req.path, query: parsed.value.query, body: req.body });
      const response = await withIdempotencyKey(db, req.header('idempotency-key'), keyHash, async () => {
        const { row, replayed } = await acceptOperation({ db }, parsed.value, { rawBody: req.body, idempotencyKey: req.header('idempotency-key') ?? null });
        // A replay of an operation still waiting is enqueued again: a no-op if the job exists,
        // a quicker recovery than the sweeper if Redis lost it.
        if (!isFinished(row)) await enqueue([{ borrowerId: row.borrower_id, operationId: row.id }]);
        const answer = await answerFor(db, row, waitMs, res);
        return { ...answer, replayed };
      });
      send(res, response);
    });
  }

  router.post(OPERATIONS.transfer_ownership.path, async (req: Request, res: Response) => {
    const parsed = parseTransferBatch({ query: req.query, body: req.body }, { timeZone: options.timeZone });
    if (!parsed.ok) throw parsed.error;
    const waitMs = preferredWaitMs(req);
    const keyHash = requestHash({ path: req.path, query: parsed.value.query, body: req.body });
    const rawItems = req.body as unknown[];
    const response = await withIdempotencyKey(db, req.header('idempotency-key'), keyHash, async () => {
      const batchId = randomUUID();
      const items: BatchItem[] = [];
      const work: BorrowerWork[] = [];
      const accepted: Array<{ index: number; operation_id: string | null; borrower_id: string | null; request_id: string | null; status: string }> = [];
      for (const item of parsed.value.items) {
        if (!item.ok) {
          items.push({ index: item.index, rejected: rejection(item.error, item.borrower_id, item.request_id) });
          accepted.push({ index: item.index, operation_id: null, borrower_id: item.borrower_id, request_id: item.request_id, status: 'failed' });
          continue;
        }
        try {
          const { row } = await acceptOperation({ db }, item.value, { rawBody: rawItems[item.index], batch: { id: batchId, index: item.index } });
          items.push({ index: item.index, operation_id: row.id });
          if (!isFinished(row)) work.push({ borrowerId: row.borrower_id, operationId: row.id });
          accepted.push({ index: item.index, operation_id: row.id, borrower_id: row.borrower_id, request_id: row.request_id, status: row.status });
        } catch (error) {
          if (!(error instanceof AppError) || error.httpStatus >= 500) throw error;
          const requestId = (item.value.body as { request_id?: string | null }).request_id ?? null;
          items.push({ index: item.index, rejected: rejection(error, item.value.borrowerId, requestId) });
          accepted.push({ index: item.index, operation_id: null, borrower_id: item.value.borrowerId, request_id: requestId, status: 'failed' });
        }
      }
      await insertBatchReportingCompletion(db, { id: batchId, items, requestHash: keyHash, idempotencyKey: req.header('idempotency-key') ?? null });
      await enqueue(work);
      const location = `/v1/batches/${batchId}`;
      if (waitMs !== undefined) {
        const done = await pollUntil(async () => {
          const status = await loadBatchStatus(db, batchId);
          return status?.done ? status : undefined;
        }, waitMs);
        if (done) return { status: 207, body: done.body, location };
      }
      return { status: 202, body: { batch_id: batchId, status: 'queued', status_url: location, items: accepted }, location };
    });
    send(res, response);
  });

  return router;
}

function rejection(error: AppError, borrowerId: string | null, requestId: string | null) {
  const fields = (error.context as { fields?: Record<string, string> }).fields;
  const detail = fields ? `${error.message}: ${Object.entries(fields).map(([f, m]) => `${f}: ${m}`).join('; ')}` : error.message;
  return { borrower_id: borrowerId, request_id: requestId, status_code: error.httpStatus, error_detail: detail, error: error.toJSON() };
}

/**
 * 202 with the accepted body, or, under `Prefer: wait=N`, the seed's own synchronous answer
 * when the operation finishes in time (200 with the seed body, or the refusal's error body).
 */
async function answerFor(db: Kysely<Database>, row: OperationRow, waitMs: number | undefined, res: Response): Promise<StoredResponse> {
  const location = `/v1/operations/${row.id}`;
  if (waitMs !== undefined) {
    const finished = isFinished(row)
      ? row
      : await pollUntil(async () => {
          const current = await getOperation(db, row.id);
          return current && isFinished(current) ? current : undefined;
        }, waitMs);
    if (finished) {
      res.setHeader('Preference-Applied', `wait=${Math.round(waitMs / 1000)}`);
      return { status: finished.result_status_code ?? 500, body: finished.result_body, location };
    }
  }
  return { status: 202, body: acceptedView(row), location };
}

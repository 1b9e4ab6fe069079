import { Router, type Request, type Response } from 'express';
import type { Kysely } from 'kysely';
import {
  CANCEL_LOANS_BATCH_PATH,
  OPERATION_REGISTRY,
  OPERATIONS_BATCH_PATH,
  OPERATION_TYPES,
  operationAcceptedBody,
  parseCancelBatch,
  parseOperation,
  parseOperationsBatch,
  parseRestructuringBatch,
  parseTransferBatch,
  RESTRUCTURE_LOANS_BATCH_PATH,
  type OperationType,
} from '@lsl/contracts';
import { isFinished, type AppliedListener, type Database, type OperationRow } from '@lsl/db';
import { ConfigCache } from '@lsl/ledger-store';
import type { OperationQueues } from '@lsl/queue';
import { acceptOperation } from './accept-operation.js';
import { coalesce } from './enqueue-coalescer.js';
import { GroupRecorder } from './group-recorder.js';
import { waitForOperation } from './wait-for-operation.js';
import { withIdempotencyKey, type StoredResponse } from './idempotency-key.js';
import { preferredWaitMs } from './prefer-wait.js';
import { batchHandler } from './batch-route.js';
import { wakeUpsOf, type WakeUp } from './wake-ups.js';
import { bodyFingerprint as requestHash } from '@lsl/contracts';

export interface IntakeOptions {
  db: Kysely<Database>;
  queues: OperationQueues;
  /** The ledger's time zone, for day-level checks of due dates. */
  timeZone: string;
  log?: (message: string, fields?: Record<string, unknown>) => void;
  /** Longest time an enqueue may hold up a 202 when Redis is unreachable. */
  enqueueTimeoutMs?: number;
  /** Wakes `Prefer: wait` requests when their borrower's operations are applied (else they poll). */
  appliedListener?: AppliedListener;
}

export function createIntakeRouter(options: IntakeOptions): Router {
  const router = Router();
  const { db } = options;
  const log = options.log ?? (() => {});
  // Group commit: concurrent requests are recorded by one statement (docs/performance.md).
  const { record } = new GroupRecorder(db);
  // Configs resolved from memory; the insert checks they are still in force (docs/performance.md).
  const configCache = new ConfigCache();

  // The wake-ups of requests answered together go to Redis together (one addBulk per partition),
  // one per borrower, named after a newly recorded operation where there is one (`wakeUpsOf`).
  const enqueueTogether = coalesce((work: WakeUp[]) => options.queues.enqueueMany(wakeUpsOf(work)));
  /**
   * The operation is already durable in Postgres: if Redis is down, the 202 still stands and
   * the sweeper enqueues the work once Redis is back. So enqueue failures are logged, not thrown.
   */
  const enqueue = async (work: WakeUp[]) => {
    if (work.length === 0) return;
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('enqueue timed out')), options.enqueueTimeoutMs ?? 2000).unref());
    try {
      await Promise.race([enqueueTogether(work), timeout]);
    } catch (error) {
      log('enqueue failed; the sweeper will retry', { error: String(error), operations: work.map((w) => w.operationId) });
    }
  };

  const send = (res: Response, response: StoredResponse) => {
    if (response.location) res.setHeader('Location', response.location);
    if (response.replayed) res.setHeader('Idempotent-Replayed', 'true');
    res.status(response.status).json(response.body);
  };

  // One route per operation type of the registry (a batch type has its own handler below).
  const operationRoute = <K extends OperationType>(type: K) =>
    router.post(OPERATION_REGISTRY[type].path, async (req: Request, res: Response) => {
      const parsed = parseOperation(type, { params: req.params, query: req.query, body: req.body }, { timeZone: options.timeZone });
      if (!parsed.ok) throw parsed.error;
      const waitMs = preferredWaitMs(req);
      // Only an Idempotency-Key needs the request's hash (the natural key has its own).
      const keyHash = req.header('idempotency-key') === undefined ? '' : requestHash({ path: req.path, query: parsed.value.query, body: req.body });
      const response = await withIdempotencyKey(db, req.header('idempotency-key'), keyHash, async () => {
        const { row, replayed } = await acceptOperation({ db, record, configCache }, parsed.value, { rawBody: req.body, idempotencyKey: req.header('idempotency-key') ?? null });
        // A replay of an operation still waiting is enqueued again: a no-op if the job exists,
        // a quicker recovery than the sweeper if Redis lost it.
        if (!isFinished(row)) await enqueue([{ borrowerId: row.borrower_id, operationId: row.id, replayed }]);
        const answer = await answerFor(db, row, waitMs, res, options.appliedListener);
        return { ...answer, replayed };
      });
      send(res, response);
    });
  for (const type of OPERATION_TYPES) if (OPERATION_REGISTRY[type].batch === undefined) operationRoute(type);

  const batchDeps = { db, record, configCache, enqueue, send, appliedListener: options.appliedListener };
  router.post(
    OPERATION_REGISTRY.transfer_ownership.path,
    batchHandler(batchDeps, (req) => {
      const parsed = parseTransferBatch({ query: req.query, body: req.body }, { timeZone: options.timeZone });
      if (!parsed.ok) return parsed;
      // A parsed batch is an array (parseTransferBatch refuses anything else).
      const raw: unknown = req.body;
      const rawBodyAt = (index: number): unknown => (Array.isArray(raw) ? raw[index] : undefined);
      return { ok: true, value: { query: parsed.value.query, items: parsed.value.items.map((item) => (item.ok ? { ...item, rawBody: rawBodyAt(item.index) } : item)) } };
    }),
  );
  // docs/ledger.md "Cancellation": each item is the single cancel of its loan.
  router.post(CANCEL_LOANS_BATCH_PATH, batchHandler(batchDeps, (req) => parseCancelBatch({ query: req.query, body: req.body }, { timeZone: options.timeZone })));
  // docs/api.md "The bulk route": any operation route, each item as if sent alone.
  router.post(OPERATIONS_BATCH_PATH, batchHandler(batchDeps, (req) => parseOperationsBatch({ query: req.query, body: req.body }, { timeZone: options.timeZone })));
  // docs/ledger.md "Restructure loans (batch)": each item is the single restructuring of its loan.
  router.post(RESTRUCTURE_LOANS_BATCH_PATH, batchHandler(batchDeps, (req) => parseRestructuringBatch({ query: req.query, body: req.body }, { timeZone: options.timeZone })));

  return router;
}

/**
 * 202 with the accepted body, or, under `Prefer: wait=N`, the seed's own synchronous answer
 * when the operation finishes in time (200 with the seed body, or the refusal's error body).
 */
async function answerFor(db: Kysely<Database>, row: OperationRow, waitMs: number | undefined, res: Response, listener?: AppliedListener): Promise<StoredResponse> {
  const location = `/v1/operations/${row.id}`;
  if (waitMs !== undefined) {
    const finished = isFinished(row) ? row : await waitForOperation(db, row, waitMs, listener);
    if (finished) {
      res.setHeader('Preference-Applied', `wait=${Math.round(waitMs / 1000)}`);
      return { status: finished.result_status_code ?? 500, body: finished.result_body, location };
    }
  }
  return { status: 202, body: operationAcceptedBody(row), location };
}

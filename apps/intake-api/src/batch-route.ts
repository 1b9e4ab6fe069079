import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Kysely } from 'kysely';
import { AppError, errorFieldsOf, bodyFingerprint as requestHash, type ErrorBody, type OperationQuery, type ParsedOperation, type ParseResult } from '@lsl/contracts';
import { isFinished, type AppliedListener, type BatchItem, type Database } from '@lsl/db';
import { insertBatchReportingCompletion, loadBatchStatus } from '@lsl/ledger-store';
import { acceptOperation, type AcceptContext } from './accept-operation.js';
import { withIdempotencyKey, type StoredResponse } from './idempotency-key.js';
import { preferredWaitMs } from './prefer-wait.js';
import { waitForApplied } from './wait-for-operation.js';
import type { WakeUp } from './wake-ups.js';

/** One item of a batch as parsed: an operation to accept (with the body to record), or a failure. */
export type BatchItemInput =
  | { index: number; ok: true; value: ParsedOperation; rawBody: unknown }
  | { index: number; ok: false; error: AppError; borrower_id: string | null; request_id: string | null };

export interface BatchRouteDeps {
  db: Kysely<Database>;
  /** Records an operation with its sequence number (intake's group commit: `GroupRecorder`). */
  record?: AcceptContext['record'];
  configCache?: AcceptContext['configCache'];
  /** Wakes the borrowers (one job each: `wakeUpsOf`, applied by the caller). */
  enqueue: (work: WakeUp[]) => Promise<void>;
  send: (res: Response, response: StoredResponse) => void;
  /** Wakes `Prefer: wait` when the batch's borrowers have operations applied (else it polls). */
  appliedListener?: AppliedListener;
}

/**
 * A batch route (transfer ownership, cancel loans): each valid item becomes one operation on
 * its borrower's queue, invalid items fail at once; 202 with the batch id and each item's
 * operation, or under `Prefer: wait` the 207 once every item is done (GET /v1/batches/{id}).
 */
export function batchHandler(deps: BatchRouteDeps, parse: (req: Request) => ParseResult<{ query: OperationQuery; items: BatchItemInput[] }>) {
  const { db } = deps;
  return async (req: Request, res: Response) => {
    const parsed = parse(req);
    if (!parsed.ok) throw parsed.error;
    const waitMs = preferredWaitMs(req);
    const keyHash = requestHash({ path: req.path, query: parsed.value.query, body: req.body });
    const response = await withIdempotencyKey(db, req.header('idempotency-key'), keyHash, async () => {
      const batchId = randomUUID();
      const items: BatchItem[] = [];
      const wakeUps: WakeUp[] = [];
      const accepted: AcceptedItem[] = [];
      // Operations recorded outside this batch that its items replay while still queued: the
      // batch is done, and reports it, when they are (migrations/0011-batch-replays.ts).
      const replays: string[] = [];
      const accept = async (item: BatchItemInput): Promise<[BatchItem, AcceptedItem, WakeUp | undefined]> => {
        if (!item.ok) {
          return [
            { index: item.index, rejected: rejection(item.error, item.borrower_id, item.request_id) },
            { index: item.index, operation_id: null, borrower_id: item.borrower_id, request_id: item.request_id, status: 'failed', error: item.error.toJSON() },
            undefined,
          ];
        }
        try {
          const { row, replayed } = await acceptOperation({ db, record: deps.record, configCache: deps.configCache }, item.value, { rawBody: item.rawBody, batch: { id: batchId, index: item.index } });
          if (replayed && row.batch_id !== batchId && !isFinished(row)) replays.push(row.id);
          return [
            { index: item.index, operation_id: row.id },
            { index: item.index, operation_id: row.id, borrower_id: row.borrower_id, request_id: row.request_id, status: row.status },
            isFinished(row) ? undefined : { borrowerId: row.borrower_id, operationId: row.id, replayed },
          ];
        } catch (error) {
          if (!(error instanceof AppError) || error.httpStatus >= 500) throw error;
          const requestId = item.value.body.request_id ?? null;
          return [
            { index: item.index, rejected: rejection(error, item.value.borrowerId, requestId) },
            { index: item.index, operation_id: null, borrower_id: item.value.borrowerId, request_id: requestId, status: 'failed', error: error.toJSON() },
            undefined,
          ];
        }
      };
      // Each borrower's items one after another, in item order (each is recorded, with its
      // sequence number, before the next is sent); different borrowers at once, so intake's
      // group commit records the batch in a few statements rather than one per item.
      const outcomes = await Promise.all([...byBorrower(parsed.value.items).values()].map(async (chain) => {
        const done: Array<Awaited<ReturnType<typeof accept>>> = [];
        for (const item of chain) done.push(await accept(item));
        return done;
      }));
      for (const [item, answer, wake] of outcomes.flat().sort((a, b) => a[0].index - b[0].index)) {
        items.push(item);
        accepted.push(answer);
        if (wake) wakeUps.push(wake);
      }
      await insertBatchReportingCompletion(db, { id: batchId, items, requestHash: keyHash, idempotencyKey: req.header('idempotency-key') ?? null, replays });
      await deps.enqueue(wakeUps);
      const location = `/v1/batches/${batchId}`;
      if (waitMs !== undefined) {
        // Re-read when any of the batch's borrowers has operations applied (docs/performance.md, "Where the time goes").
        const done = await waitForApplied(
          wakeUps.map((w) => w.borrowerId),
          async () => {
            const status = await loadBatchStatus(db, batchId);
            return status?.done ? status : undefined;
          },
          waitMs,
          deps.appliedListener,
        );
        if (done) return { status: 207, body: done.body, location };
      }
      return { status: 202, body: { batch_id: batchId, status: 'queued', status_url: location, items: accepted }, location };
    });
    deps.send(res, response);
  };
}

/** An item of the 202: an item failed at intake carries its error body (the seed's `{code, context, error, status}`). */
type AcceptedItem = { index: number; operation_id: string | null; borrower_id: string | null; request_id: string | null; status: string; error?: ErrorBody };

/** Items by borrower, each borrower's in item order; items failed before recording (no borrower needed) each alone. */
function byBorrower(items: BatchItemInput[]): Map<string, BatchItemInput[]> {
  const chains = new Map<string, BatchItemInput[]>();
  for (const item of items) {
    const key = item.ok ? `b:${item.value.borrowerId}` : `i:${item.index}`;
    const chain = chains.get(key);
    if (chain) chain.push(item);
    else chains.set(key, [item]);
  }
  return chains;
}

export function rejection(error: AppError, borrowerId: string | null, requestId: string | null) {
  const fields = errorFieldsOf(error.context);
  const detail = fields ? `${error.message}: ${Object.entries(fields).map(([f, m]) => `${f}: ${m}`).join('; ')}` : error.message;
  return { borrower_id: borrowerId, request_id: requestId, status_code: error.httpStatus, error_detail: detail, error: error.toJSON() };
}

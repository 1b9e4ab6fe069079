import type { Job, Worker } from 'bullmq';
import type { Kysely } from 'kysely';
import type { Database, OperationRow } from '@lsl/db';
import type { ApplyResult, LedgerOptions } from '@lsl/ledger';
import {
  cappedBackoff,
  jobCatalog,
  OperationQueues,
  partitionPrefix,
  partitionQueueName,
  type QueueBackend,
} from '@lsl/queue';
import { applyJobFailures, type Logger } from '@lsl/telemetry';
import { startWebhookWorker, type RunningWebhookWorker, type StartWebhookWorkerOptions } from '@lsl/webhooks';
import { applyPendingBatch } from './apply-pending.js';
import { startPartitionSlots } from './partition-slots.js';
import { BorrowerBatcher } from './borrower-batcher.js';
import { observeBatch } from './observe-batch.js';
import { startSweeper } from './sweeper.js';
import { startCloseOfBusiness, type RunningCloseOfBusiness } from './close-scheduler.js';
import { StateCache } from '@lsl/ledger-store';

export interface StartWorkerOptions {
  db: Kysely<Database>;
  /** Where the queues live (`createQueueBackend`); its owner closes it after the worker. */
  backend: QueueBackend;
  partitions: number;
  prefix: string;
  ledger: LedgerOptions;
  /** Jobs processed at once per partition queue, in this process. */
  concurrency?: number;
  /** Budget of the ledger state cache, in estimated heap bytes. */
  stateCacheBytes?: number;
  /** Borrowers applied in one transaction. */
  maxBatch?: number;
  /** Apply transactions running at once in this process. */
  maxConcurrentBatches?: number;
  sweepIntervalMs?: number;
  sweepGraceMs?: number;
  /**
   * BullMQ lock. BullMQ itself takes over the job of a killed worker only after the lock
   * expires and a stalled check runs; the sweeper does it sooner (see `staleLockMs`).
   */
  lockDurationMs?: number;
  /** How often a live worker renews its locks. */
  lockRenewMs?: number;
  /** A lock not renewed for this long means its worker is gone: the sweeper wakes the borrower. */
  staleLockMs?: number;
  /** BullMQ's own stalled-job check (the backstop behind the sweeper). */
  stalledIntervalMs?: number;
  onApplied?: (row: OperationRow, result: ApplyResult) => void;
  /** Where the worker's lines go (one per applied batch, errors, sweeper repairs); none when omitted. */
  logger?: Logger;
  /**
   * Partition affinity (docs/performance.md, "Partition affinity"): this process is slot `index`
   * of `processes` and consumes the partitions p with p mod processes = index, plus those of
   * dead slots it takes over. Without it, the process consumes every partition.
   */
  affinity?: { index: number; processes: number; databaseUrl: string; checkMs?: number };
  /** The clock: today's lender day for the portfolio read model and the close of business (tests inject it). */
  now?: () => Date;
  /** Run the close of business in this process (docs/guarantees.md "Close of business"); default true. */
  closeOfBusiness?: boolean;
  /** Also relay events to webhook deliveries and send them, in this process (docs/webhooks.md). */
  webhooks?: Pick<StartWebhookWorkerOptions, 'concurrency' | 'policy' | 'pollMs'>;
}

export interface RunningWorker {
  /** The partition consumers running now (with affinity, they change as slots die and return). */
  workers: Worker[];
  queues: OperationQueues;
  webhooks?: RunningWebhookWorker;
  closeOfBusiness?: RunningCloseOfBusiness;
  /** Stops taking jobs, lets the current ones finish (or hands them back), then returns. */
  close(): Promise<void>;
}

export async function startWorker(options: StartWorkerOptions): Promise<RunningWorker> {
  const logger = options.logger;
  const queues = new OperationQueues({ backend: options.backend, partitions: options.partitions, prefix: options.prefix });

  const cache = new StateCache(options.stateCacheBytes);
  // The wake-up jobs this process holds at once are applied together, many borrowers per
  // transaction (docs/performance.md, "The worker, before and after batching").
  const batcher = new BorrowerBatcher({
    apply: (borrowerIds) =>
      applyPendingBatch(options.db, borrowerIds, {
        ledger: options.ledger,
        now: options.now,
        cache,
        onApplied: options.onApplied,
        batchLockTimeoutMs: 2_000,
        onBatch: (batch) => observeBatch(batch, logger),
        onLedgerError: (row, error) => logger?.error({ operation_id: row.id, borrower_id: row.borrower_id, type: row.type, err: error }, 'ledger error'),
      }),
    maxBatch: options.maxBatch ?? 64,
    maxConcurrent: options.maxConcurrentBatches ?? 2,
    onFallback: (borrowers, error) => logger?.warn({ borrowers, err: error }, 'batch failed; applying its borrowers one at a time'),
  });
  const processor = async (job: Job) => {
    const { borrowerId } = jobCatalog['borrower.apply'].schema.parse(job.data);
    await batcher.run(borrowerId);
  };

  const lockDuration = options.lockDurationMs ?? 15_000;
  // Renewing often is cheap (one script per partition queue per second) and lets the sweeper
  // tell a dead worker's job within seconds, while a worker whose event loop stalls for a
  // while keeps its lock for the full lockDuration.
  const lockRenewTime = options.lockRenewMs ?? 1_000;
  const staleLockMs = options.staleLockMs ?? 4_000;
  const consumers = new Map<number, Worker>();
  // What this function returns; its `workers` follow the partitions consumed.
  let running: RunningWorker | undefined;
  // Consumers of partitions handed back, still finishing their current jobs.
  const closing = new Set<Promise<void>>();
  const consume = (p: number): Worker => {
    const worker = options.backend.createWorker(partitionQueueName(p), partitionPrefix(options.prefix, p), processor, {
      concurrency: options.concurrency ?? 2,
      lockDuration,
      lockRenewTime,
      stalledInterval: options.stalledIntervalMs ?? 10_000,
      // A stalled job is one whose worker died: always take it over, never fail it (failing
      // would leave its operation waiting for the sweeper).
      maxStalledCount: 1_000_000,
      // When the queue store itself fails (Postgres as queue backend, restarting), BullMQ waits
      // this long before retrying a fetch or a job's completion (default 15 s): seconds.
      runRetryDelay: 2_000,
      settings: { backoffStrategy: (attemptsMade: number) => cappedBackoff(attemptsMade) },
    });
    worker.on('error', (error) => logger?.error({ partition: p, err: error }, 'worker error'));
    worker.on('failed', (job, error) => {
      applyJobFailures.inc();
      logger?.warn({ job_id: job?.id, borrower_id: borrowerIdOf(job?.data), err: error }, 'job attempt failed; will retry');
    });
    consumers.set(p, worker);
    return worker;
  };
  const setPartitions = async (wanted: number[]) => {
    const keep = new Set(wanted);
    for (const p of wanted) if (!consumers.has(p)) consume(p);
    for (const [p, worker] of consumers) {
      if (keep.has(p)) continue;
      consumers.delete(p);
      const closed = worker.close().catch((error) => logger?.error({ partition: p, err: error }, 'error while closing a partition consumer'));
      closing.add(closed);
      void closed.finally(() => closing.delete(closed));
    }
    if (running) running.workers = [...consumers.values()];
    if (options.affinity) logger?.info({ slot: options.affinity.index, processes: options.affinity.processes, partitions: wanted }, 'partitions consumed');
  };
  const slots = options.affinity
    ? startPartitionSlots({
        databaseUrl: options.affinity.databaseUrl,
        prefix: options.prefix,
        partitions: options.partitions,
        index: options.affinity.index,
        processes: options.affinity.processes,
        checkMs: options.affinity.checkMs,
        onPartitions: setPartitions,
        onError: (error) => logger?.error({ err: error }, 'partition slots error'),
      })
    : undefined;
  if (!slots) for (let p = 0; p < options.partitions; p++) consume(p);

  const sweeper = startSweeper(options.db, queues, {
    intervalMs: options.sweepIntervalMs ?? 2_000,
    graceMs: options.sweepGraceMs ?? 3_000,
    locks: { lockDurationMs: lockDuration, staleLockMs },
    onError: (error) => logger?.error({ err: error }, 'sweeper error'),
    onRepair: (result) => logger?.info({ ...result }, 'sweeper repaired'),
  });

  const webhooks = options.webhooks
    ? await startWebhookWorker({ db: options.db, backend: options.backend, prefix: options.prefix, logger, ...options.webhooks })
    : undefined;

  const closeOfBusiness = options.closeOfBusiness === false
    ? undefined
    : await startCloseOfBusiness({ db: options.db, ledger: options.ledger, now: options.now, backend: options.backend, prefix: options.prefix, logger });

  running = {
    workers: [...consumers.values()],
    queues,
    webhooks,
    closeOfBusiness,
    async close() {
      await closeOfBusiness?.close();
      await sweeper.stop();
      await slots?.stop();
      await Promise.all([...[...consumers.values()].map((w) => w.close()), ...closing, webhooks?.close()]);
      await queues.close();
    },
  };
  return running;
}

/** The borrower a job's data names, for a log line (the data may be anything a queue holds). */
function borrowerIdOf(data: unknown): string | undefined {
  const id = typeof data === 'object' && data !== null && 'borrowerId' in data ? data.borrowerId : undefined;
  return typeof id === 'string' ? id : undefined;
}

import { Worker, type Job } from 'bullmq';
import type { Kysely } from 'kysely';
import type { Database, OperationRow } from '@lsl/db';
import type { ApplyResult, LedgerOptions } from '@lsl/ledger';
import {
  cappedBackoff,
  createRedis,
  jobCatalog,
  OperationQueues,
  partitionPrefix,
  partitionQueueName,
  type JobPayload,
} from '@lsl/queue';
import { applyPendingOperations } from './apply-pending.js';
import { startSweeper } from './sweeper.js';

export interface StartWorkerOptions {
  db: Kysely<Database>;
  redisUrl: string;
  partitions: number;
  prefix: string;
  ledger: LedgerOptions;
  /** Jobs processed at once per partition queue, in this process. */
  concurrency?: number;
  sweepIntervalMs?: number;
  sweepGraceMs?: number;
  /** BullMQ lock; a worker killed mid-job has its job taken over after about this long. */
  lockDurationMs?: number;
  onApplied?: (row: OperationRow, result: ApplyResult) => void;
  log?: (message: string, fields?: Record<string, unknown>) => void;
}

export interface RunningWorker {
  workers: Worker[];
  queues: OperationQueues;
  /** Stops taking jobs, lets the current ones finish (or hands them back), then returns. */
  close(): Promise<void>;
}

export async function startWorker(options: StartWorkerOptions): Promise<RunningWorker> {
  const log = options.log ?? (() => {});
  const connection = createRedis({ url: options.redisUrl, forWorker: true });
  const producerConnection = createRedis({ url: options.redisUrl });
  const queues = new OperationQueues({ connection: producerConnection, partitions: options.partitions, prefix: options.prefix });

  const processor = async (job: Job) => {
    const { borrowerId } = jobCatalog['borrower.apply'].schema.parse(job.data) as JobPayload<'borrower.apply'>;
    await applyPendingOperations(options.db, borrowerId, { ledger: options.ledger, onApplied: options.onApplied });
  };

  const lockDuration = options.lockDurationMs ?? 15_000;
  const workers = Array.from({ length: options.partitions }, (_, p) => {
    const worker = new Worker(partitionQueueName(p), processor, {
      connection,
      prefix: partitionPrefix(options.prefix, p),
      concurrency: options.concurrency ?? 2,
      lockDuration,
      // A stalled job is one whose worker died: always take it over, never fail it (failing
      // would leave its operation waiting for the sweeper).
      maxStalledCount: 1_000_000,
      settings: { backoffStrategy: (attemptsMade: number) => cappedBackoff(attemptsMade) },
    });
    worker.on('error', (error) => log('worker error', { partition: p, error: String(error) }));
    worker.on('failed', (job, error) => log('job attempt failed; will retry', { jobId: job?.id, error: String(error) }));
    return worker;
  });

  const sweeper = startSweeper(options.db, queues, {
    intervalMs: options.sweepIntervalMs ?? 2_000,
    graceMs: options.sweepGraceMs ?? 3_000,
    onError: (error) => log('sweeper error', { error: String(error) }),
  });

  return {
    workers,
    queues,
    async close() {
      await sweeper.stop();
      await Promise.all(workers.map((w) => w.close()));
      await queues.close();
      connection.disconnect();
    },
  };
}

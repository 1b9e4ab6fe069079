/**
 * Runs the close of business on the queue system (docs/guarantees.md "Close of business"): a
 * BullMQ job scheduler fires at midnight in the ledger's time zone (one job per firing, however
 * many processes upsert the scheduler), and each process adds a catch-up job when it starts
 * (one per lender day, by its job id). One consumer per process, one job at a time; the run is
 * idempotent, so a job run twice or by two processes at once reports each change once.
 */
import type { Job, Queue, Worker } from 'bullmq';
import { cappedBackoff, jobCatalog, type QueueBackend } from '@lsl/queue';
import { toDay } from '@lsl/ledger';
import type { Logger } from '@lsl/telemetry';
import { runCloseOfBusiness, type CloseOfBusinessOptions } from './close-of-business.js';

export const CLOSE_QUEUE_NAME = 'close-of-business';
export const CLOSE_SCHEDULER_ID = 'close-of-business-daily';

/** Its own hash tag: in a Redis Cluster the queue lives in a slot of its own. */
export function closeQueuePrefix(basePrefix: string): string {
  return `${basePrefix}:{close}`;
}

/** The producer side (the dashboard and the queue metrics show it). */
export function createCloseQueue(backend: QueueBackend, basePrefix: string): Queue {
  const queue = backend.createQueue(CLOSE_QUEUE_NAME, closeQueuePrefix(basePrefix));
  queue.on('error', () => {});
  return queue;
}

export interface StartCloseOfBusinessOptions extends CloseOfBusinessOptions {
  backend: QueueBackend;
  prefix: string;
  logger?: Logger;
}

export interface RunningCloseOfBusiness {
  queue: Queue;
  worker: Worker;
  close(): Promise<void>;
}

export async function startCloseOfBusiness(options: StartCloseOfBusinessOptions): Promise<RunningCloseOfBusiness> {
  const { schema, options: jobOptions } = jobCatalog['close-of-business.run'];
  const queue = createCloseQueue(options.backend, options.prefix);
  await queue.upsertJobScheduler(
    CLOSE_SCHEDULER_ID,
    { pattern: '0 0 * * *', tz: options.ledger.timeZone },
    { name: 'close-of-business.run', data: schema.parse({}), opts: jobOptions },
  );
  const today = toDay((options.now?.() ?? new Date()).toISOString(), options.ledger.timeZone);
  await queue.add('close-of-business.run', schema.parse({}), { ...jobOptions, jobId: `catch-up-${today}` });
  const processor = async (job: Job) => {
    schema.parse(job.data);
    const run = await runCloseOfBusiness({
      ...options,
      onDay: (day) => {
        options.logger?.info({ day: day.day, loans_changed: day.loansChanged, promises_broken: day.promisesBroken, ms: day.ms }, 'close of business');
        options.onDay?.(day);
      },
    });
    return run;
  };
  const worker = options.backend.createWorker(CLOSE_QUEUE_NAME, closeQueuePrefix(options.prefix), processor, {
    concurrency: 1,
    lockDuration: 60_000,
    settings: { backoffStrategy: (attemptsMade: number) => cappedBackoff(attemptsMade) },
  });
  worker.on('error', (error) => options.logger?.error({ err: error }, 'close of business worker error'));
  worker.on('failed', (job, error) => options.logger?.warn({ job_id: job?.id, err: error }, 'close of business failed; will retry'));
  return {
    queue,
    worker,
    async close() {
      await worker.close();
      await queue.close();
    },
  };
}

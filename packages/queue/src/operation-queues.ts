import type { JobsOptions, Queue } from 'bullmq';
import type { QueueBackend } from './backend.js';
import { jobCatalog } from './job-catalog.js';
import { partitionOf, partitionPrefix, partitionQueueName } from './partitions.js';

export interface OperationQueuesOptions {
  /** Where the queues live (`createQueueBackend`). */
  backend: QueueBackend;
  partitions: number;
  /** Key prefix; tests give each file its own. */
  prefix: string;
}

export interface BorrowerWork {
  borrowerId: string;
  operationId: string;
}

export interface EnsureWorkOptions {
  /** The workers' BullMQ lock duration: a live worker keeps its lock's TTL close to it. */
  lockDurationMs: number;
  /** A lock whose TTL has run down by more than this has missed its renewals: its owner is gone. */
  staleLockMs: number;
  now?: number;
}

export interface EnsureWorkResult {
  /** Jobs Redis had lost, added again under the operation id. */
  enqueued: number;
  /** Wake-up jobs added for borrowers whose job is held by a dead worker (or oddly finished). */
  woken: number;
}

/** A borrower's deduplicated wake-up (see `OperationQueues.enqueueMany`). */
function wakeUpOptions(data: BorrowerWork): JobsOptions {
  return { ...jobCatalog['borrower.apply'].options, jobId: data.operationId, deduplication: { id: data.borrowerId, keepLastIfActive: true } };
}

/** The producer side: tells the partition of a borrower that it has work. */
export class OperationQueues {
  readonly queues: Queue[];
  readonly partitions: number;

  constructor(private readonly options: OperationQueuesOptions) {
    this.partitions = options.partitions;
    this.queues = Array.from({ length: options.partitions }, (_, p) => options.backend.createQueue(partitionQueueName(p), partitionPrefix(options.prefix, p)));
  }

  queueFor(borrowerId: string): Queue {
    return this.queues[partitionOf(borrowerId, this.partitions)]!;
  }

  /**
   * A wake-up for each borrower: "borrower X has work", one `addBulk` per partition. At most one
   * waits per borrower (BullMQ deduplication by borrower id): adding one while another waits is
   * a no-op, since the waiting one will apply everything pending. Adding one while the
   * borrower's job is active (`keepLastIfActive`) stores it, and BullMQ adds it when the active
   * one finishes: that worker may have read the borrower's pending operations before this one
   * was committed, so the wake-up must not be lost. The job id is the operation id of the
   * wake-up's cause.
   */
  async enqueueMany(work: BorrowerWork[]): Promise<void> {
    const { schema } = jobCatalog['borrower.apply'];
    const byQueue = new Map<Queue, BorrowerWork[]>();
    const seen = new Set<string>();
    for (const w of work) {
      if (seen.has(w.borrowerId)) continue;
      seen.add(w.borrowerId);
      const q = this.queueFor(w.borrowerId);
      byQueue.set(q, [...(byQueue.get(q) ?? []), schema.parse(w)]);
    }
    await Promise.all(
      [...byQueue].map(([q, items]) => q.addBulk(items.map((data) => ({ name: 'borrower.apply', data, opts: wakeUpOptions(data) })))),
    );
  }

  /**
   * The sweeper's repair, given a pending operation of each stranded borrower. The borrower's
   * wake-up job is the one its deduplication key names: none (Redis lost it, or an enqueue
   * failed after the commit) → add one; waiting or delayed (a retry backoff) → work will come,
   * leave it; active but its lock no longer renewed → its worker died, and BullMQ would only
   * notice after the lock expires and a stalled check runs, so add a wake-up job outside the
   * deduplication (`<operation id>-wake-<n>`, at most one per staleLockMs, at the head of the
   * queue) that any live worker takes at once; finished yet still named (should not happen) →
   * a wake-up too. A wrong guess costs one job that finds nothing to apply: order and
   * exactly-once live in Postgres, not here.
   */
  async ensureWork(work: BorrowerWork[], options: EnsureWorkOptions): Promise<EnsureWorkResult> {
    const { schema, options: jobOptions } = jobCatalog['borrower.apply'];
    const now = options.now ?? Date.now();
    const result: EnsureWorkResult = { enqueued: 0, woken: 0 };
    await Promise.all(
      work.map(async (w) => {
        const data = schema.parse(w);
        const queue = this.queueFor(w.borrowerId);
        const jobId = await queue.getDeduplicationJobId(w.borrowerId);
        const state = jobId ? await queue.getJobState(jobId) : 'unknown';
        if (!jobId || state === 'unknown') {
          await queue.add('borrower.apply', data, wakeUpOptions(data));
          result.enqueued++;
          return;
        }
        let wake: boolean;
        if (state === 'active') {
          const remaining = await this.options.backend.lockRemainingMs(queue, jobId);
          wake = remaining < options.lockDurationMs - options.staleLockMs;
        } else {
          wake = state === 'completed' || state === 'failed';
        }
        if (!wake) return;
        const wakeId = `${w.operationId}-wake-${Math.floor(now / options.staleLockMs)}`;
        await queue.add('borrower.apply', data, { ...jobOptions, jobId: wakeId, lifo: true });
        result.woken++;
      }),
    );
    return result;
  }

  async close(): Promise<void> {
    await Promise.all(this.queues.map((q) => q.close()));
  }
}

import type { Queue } from 'bullmq';
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
   * One job per operation, with the operation id as job id: adding it again (the sweeper, a
   * replayed request) is a no-op while BullMQ still holds the job.
   */
  async enqueue(work: BorrowerWork): Promise<void> {
    const { schema, options } = jobCatalog['borrower.apply'];
    const data = schema.parse(work);
    await this.queueFor(work.borrowerId).add('borrower.apply', data, { ...options, jobId: work.operationId });
  }

  async enqueueMany(work: BorrowerWork[]): Promise<void> {
    const { schema, options } = jobCatalog['borrower.apply'];
    const byQueue = new Map<Queue, BorrowerWork[]>();
    for (const w of work) {
      const q = this.queueFor(w.borrowerId);
      byQueue.set(q, [...(byQueue.get(q) ?? []), schema.parse(w)]);
    }
    await Promise.all(
      [...byQueue].map(([q, items]) =>
        q.addBulk(items.map((data) => ({ name: 'borrower.apply', data, opts: { ...options, jobId: data.operationId } }))),
      ),
    );
  }

  /**
   * The sweeper's repair, given each stranded borrower's oldest pending operation. A job that
   * still exists makes `enqueue` a no-op, so look at it: missing (Redis lost it) → add it again;
   * waiting or delayed (a retry backoff) → work will come, leave it; active but its lock no
   * longer renewed → its worker died, and BullMQ would only notice after the lock expires and
   * a stalled check runs, so add a wake-up job under another id (`<operation id>-wake-<n>`, at
   * most one per staleLockMs) that any live worker takes at once. Finished while the operation
   * is pending should not happen; it gets a wake-up too. A wrong guess costs one extra job that
   * finds nothing to apply: order and exactly-once live in Postgres, not here.
   */
  async ensureWork(work: BorrowerWork[], options: EnsureWorkOptions): Promise<EnsureWorkResult> {
    const { schema, options: jobOptions } = jobCatalog['borrower.apply'];
    const now = options.now ?? Date.now();
    const result: EnsureWorkResult = { enqueued: 0, woken: 0 };
    await Promise.all(
      work.map(async (w) => {
        const data = schema.parse(w);
        const queue = this.queueFor(w.borrowerId);
        const state = await queue.getJobState(w.operationId);
        let wake = false;
        if (state === 'unknown') {
          await queue.add('borrower.apply', data, { ...jobOptions, jobId: w.operationId });
          result.enqueued++;
          return;
        }
        if (state === 'active') {
          const remaining = await this.options.backend.lockRemainingMs(queue, w.operationId);
          wake = remaining < options.lockDurationMs - options.staleLockMs;
        } else {
          wake = state === 'completed' || state === 'failed';
        }
        if (!wake) return;
        // At the head of the queue: the borrower already waited its turn once.
        const jobId = `${w.operationId}-wake-${Math.floor(now / options.staleLockMs)}`;
        await queue.add('borrower.apply', data, { ...jobOptions, jobId, lifo: true });
        result.woken++;
      }),
    );
    return result;
  }

  async close(): Promise<void> {
    await Promise.all(this.queues.map((q) => q.close()));
  }
}

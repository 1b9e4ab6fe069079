import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { jobCatalog } from './job-catalog.js';
import { partitionOf, partitionPrefix, partitionQueueName } from './partitions.js';

export interface OperationQueuesOptions {
  connection: Redis;
  partitions: number;
  /** Key prefix; tests give each file its own. */
  prefix: string;
}

export interface BorrowerWork {
  borrowerId: string;
  operationId: string;
}

/** The producer side: tells the partition of a borrower that it has work. */
export class OperationQueues {
  readonly queues: Queue[];
  readonly partitions: number;

  constructor(private readonly options: OperationQueuesOptions) {
    this.partitions = options.partitions;
    this.queues = Array.from({ length: options.partitions }, (_, p) =>
      new Queue(partitionQueueName(p), { connection: options.connection, prefix: partitionPrefix(options.prefix, p) }),
    );
    for (const q of this.queues) q.on('error', () => {});
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

  async close(): Promise<void> {
    await Promise.all(this.queues.map((q) => q.close()));
  }
}

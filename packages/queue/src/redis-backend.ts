import { Queue, Worker, type Processor } from 'bullmq';
import type { Cluster, Redis } from 'ioredis';
import type { ActiveJob, QueueBackend, WorkerSettings } from './backend.js';
import { createRedis, isClusterUrl, redactUrl } from './redis.js';

/**
 * BullMQ on Redis or a Redis Cluster. One producer connection serves every queue of the
 * process; workers share one connection of their own (`maxRetriesPerRequest: null`), from which
 * BullMQ makes each worker's blocking connection.
 */
export function createRedisQueueBackend(url: string): QueueBackend {
  const producer = createRedis({ url });
  let workerConnection: Redis | Cluster | undefined;
  return {
    kind: isClusterUrl(url) ? 'redis-cluster' : 'redis',
    location: redactUrl(url),
    createQueue(name: string, prefix: string): Queue {
      const queue = new Queue(name, { connection: producer, prefix });
      queue.on('error', () => {});
      return queue;
    },
    createWorker(name: string, prefix: string, processor: Processor, settings: WorkerSettings): Worker {
      workerConnection ??= createRedis({ url, forWorker: true });
      return new Worker(name, processor, { ...settings, connection: workerConnection, prefix });
    },
    async lockRemainingMs(queue: Queue, jobId: string): Promise<number> {
      // BullMQ keeps a job's lock in `<job key>:lock` with a TTL it renews.
      const ttl = await producer.pttl(`${queue.toKey(jobId)}:lock`);
      if (ttl === -1) return Number.POSITIVE_INFINITY;
      return Math.max(0, ttl);
    },
    async activeJobs(queue: Queue): Promise<ActiveJob[]> {
      // The key layout of BullMQ's Redis backend: `<prefix>:<queue>:active` lists the active
      // job ids, `<prefix>:<queue>:<id>` is the job hash, `…:<id>:lock` its lock token.
      const ids = await producer.lrange(queue.toKey('active'), 0, -1);
      const jobs = await Promise.all(
        ids.map(async (id) => {
          const [lockToken, data] = await Promise.all([producer.get(`${queue.toKey(id)}:lock`), producer.hget(queue.toKey(id), 'data')]);
          return data === null ? undefined : { id, lockToken, data: JSON.parse(data) as unknown };
        }),
      );
      return jobs.filter((j) => j !== undefined);
    },
    async ping(): Promise<void> {
      await producer.ping();
    },
    async close(): Promise<void> {
      producer.disconnect();
      workerConnection?.disconnect();
    },
  };
}

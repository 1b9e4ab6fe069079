import type { Processor, Queue, Worker, WorkerOptions } from 'bullmq';
import { createPostgresQueueBackend } from './postgres-backend.js';
import { createRedisQueueBackend } from './redis-backend.js';
import { isClusterUrl } from './redis.js';

/**
 * Where the partition queues live. The one place that knows: everything above it (intake,
 * workers, sweeper, dashboard, metrics, readiness) receives queues, workers and these few
 * questions from a `QueueBackend` and never asks which one runs (docs/guarantees.md, "Queue
 * backends").
 *
 * - `redis`: BullMQ on one Redis (REDIS_URL=redis://…), the production default.
 * - `redis-cluster`: BullMQ on a Redis Cluster (REDIS_URL=redis-cluster://host:port,host:port);
 *   each partition's keys share a hash tag, so a partition lives in one slot.
 * - `postgres`: BullMQ's PostgreSQL backend, in a schema of its own (`<prefix>_queue`) of the
 *   ledger's database, when REDIS_URL is not set: nothing but Postgres to run.
 */
export type QueueBackendKind = 'redis' | 'redis-cluster' | 'postgres';

export interface QueueBackendSettings {
  /** Set: the queues live in this Redis or Redis Cluster. Unset or empty: in Postgres. */
  redisUrl?: string;
  /** The Postgres whose own schema holds the queues when `redisUrl` is unset. */
  databaseUrl?: string;
  /** The Redis key prefix; on Postgres it names the schema (`<prefix>_queue`). */
  prefix: string;
  /** Postgres: connections of this process's queue pool (plus one LISTEN connection). */
  poolSize?: number;
  /** Postgres: `application_name` of the queue connections (for pg_stat_activity). */
  applicationName?: string;
}

/** Worker settings the seam passes through to BullMQ (the connection is the seam's). */
export type WorkerSettings = Omit<WorkerOptions, 'connection' | 'prefix'>;

/** A job BullMQ holds as active: who holds it (its lock token, `<worker id>:<n>`) and its data. */
export interface ActiveJob {
  id: string;
  lockToken: string | null;
  data: unknown;
}

export interface QueueBackend {
  readonly kind: QueueBackendKind;
  /** Where the queues are, without credentials (logs, readiness). */
  readonly location: string;
  /** The producer side of one queue. `prefix` namespaces Redis keys (a hash tag per partition). */
  createQueue(name: string, prefix: string): Queue;
  createWorker(name: string, prefix: string, processor: Processor, settings: WorkerSettings): Worker;
  /**
   * How long the lock of an active job has left, in ms: a live worker renews it back up to its
   * lock duration every renewal; 0 when the job holds no lock. The sweeper reads "this
   * borrower's job is held by a dead worker" from a lock that has run down.
   */
  lockRemainingMs(queue: Queue, jobId: string): Promise<number>;
  /** The active jobs of a queue with their lock tokens (diagnostics and fault tests). */
  activeJobs(queue: Queue): Promise<ActiveJob[]>;
  /** Resolves when the store answers; rejects with why not. */
  ping(): Promise<void>;
  /** Closes the connections, after the queues and workers made from it are closed. */
  close(): Promise<void>;
}

/** Which backend a configuration selects, without connecting. */
export function queueBackendKind(settings: Pick<QueueBackendSettings, 'redisUrl'>): QueueBackendKind {
  if (!settings.redisUrl) return 'postgres';
  return isClusterUrl(settings.redisUrl) ? 'redis-cluster' : 'redis';
}

/**
 * The seam: REDIS_URL set → Redis (or a Redis Cluster for `redis-cluster://`); unset → BullMQ's
 * PostgreSQL backend on `databaseUrl`, its schema migrated on the way (idempotent, under an
 * advisory lock, so processes starting together migrate once).
 */
export async function createQueueBackend(settings: QueueBackendSettings): Promise<QueueBackend> {
  if (queueBackendKind(settings) === 'postgres') {
    if (!settings.databaseUrl) throw new Error('the queues need REDIS_URL, or a DATABASE_URL to keep them in Postgres');
    return createPostgresQueueBackend({ ...settings, databaseUrl: settings.databaseUrl });
  }
  return createRedisQueueBackend(settings.redisUrl!);
}

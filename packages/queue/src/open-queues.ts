import { createQueueBackend, type QueueBackend } from './backend.js';

/** What every process reads from its environment about the queues (each app's `src/env.ts` parses it). */
export interface QueueEnv {
  /** Unset: the queues live in Postgres (`createQueueBackend`). */
  REDIS_URL?: string | undefined;
  QUEUE_PREFIX: string;
  QUEUE_PARTITIONS: number;
  QUEUE_POOL_SIZE: number;
}

/** A process's queue backend and where its partition queues are: what `OperationQueues` and `startWorker` take. */
export interface OpenedQueues {
  backend: QueueBackend;
  partitions: number;
  prefix: string;
}

export interface OpenQueuesOptions {
  /** The database the queues live in when there is no Redis. */
  databaseUrl: string;
  /** The queue connections' `application_name` in Postgres (`pg_stat_activity`). */
  applicationName: string;
}

/**
 * The queues of one process (the server, or a worker on its own), opened the same way
 * everywhere, so every process agrees on the backend, the prefix and the partitions.
 */
export async function openQueues(env: QueueEnv, options: OpenQueuesOptions): Promise<OpenedQueues> {
  const backend = await createQueueBackend({
    redisUrl: env.REDIS_URL,
    databaseUrl: options.databaseUrl,
    prefix: env.QUEUE_PREFIX,
    poolSize: env.QUEUE_POOL_SIZE,
    applicationName: options.applicationName,
  });
  return { backend, partitions: env.QUEUE_PARTITIONS, prefix: env.QUEUE_PREFIX };
}

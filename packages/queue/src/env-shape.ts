import { z } from 'zod';
import { DEFAULT_PARTITIONS, DEFAULT_PREFIX } from './config.js';

/**
 * The queue variables of a process's environment, for its app's `src/env.ts` (README,
 * "Configuration"); parsed, they are the `QueueEnv` that `openQueues` takes.
 */
export interface QueueEnvDefaults {
  partitions: number;
  prefix: string;
}

/** Where the queues live and how they are cut: the same variables for the server and a worker. */
export function queueEnvShape(defaults: QueueEnvDefaults = { partitions: DEFAULT_PARTITIONS, prefix: DEFAULT_PREFIX }) {
  return {
    /** Unset (or empty): the queues live in Postgres, in the ledger's database (see @lsl/queue). */
    REDIS_URL: z.string().optional().transform((v) => v || undefined),
    /** Connections of the Postgres queue pool (when REDIS_URL is unset). */
    QUEUE_POOL_SIZE: z.coerce.number().int().min(1).default(5),
    QUEUE_PARTITIONS: z.coerce.number().int().min(1).max(1024).default(defaults.partitions),
    QUEUE_PREFIX: z.string().min(1).default(defaults.prefix),
    /** On SIGTERM, how long running jobs may take to finish before they are handed back. */
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(20_000),
  };
}

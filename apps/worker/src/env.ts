import { z } from 'zod';
import { DEFAULT_PARTITIONS, DEFAULT_PREFIX } from '@lsl/queue';
import { webhookEnvShape } from '@lsl/webhooks';

const schema = z.object({
  DATABASE_URL: z.string().min(1, 'DATABASE_URL is required for a standalone worker'),
  /** Unset (or empty): the queues live in Postgres, in DATABASE_URL's database (see @lsl/queue). */
  REDIS_URL: z.string().optional().transform((v) => v || undefined),
  /** Connections of the Postgres queue pool (when REDIS_URL is unset). */
  QUEUE_POOL_SIZE: z.coerce.number().int().min(1).default(5),
  LEDGER_TIMEZONE: z.string().default('America/Bogota'),
  QUEUE_PARTITIONS: z.coerce.number().int().min(1).max(1024).default(DEFAULT_PARTITIONS),
  QUEUE_PREFIX: z.string().default(DEFAULT_PREFIX),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).default(10),
  /**
   * Partition affinity (docs/performance.md): this process is slot WORKER_PROCESS_INDEX of
   * WORKER_PROCESSES and consumes partitions p with p mod WORKER_PROCESSES = its slot (plus those
   * of dead slots). Unset: every partition. `npm start` sets both.
   */
  WORKER_PROCESSES: z.coerce.number().int().min(1).max(1024).optional(),
  WORKER_PROCESS_INDEX: z.coerce.number().int().min(0).max(1023).optional(),
  /** On SIGTERM, how long current jobs may take to finish before they are handed back. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(20_000),
  ...webhookEnvShape,
  /** Serve this process's `/metrics` and `/healthz` on this port; unset: no listener (docs/operations.md). */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  METRICS_HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
});

export type WorkerEnv = z.infer<typeof schema>;

export function parseWorkerEnv(env: NodeJS.ProcessEnv): WorkerEnv {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${problems}`);
  }
  return parsed.data;
}

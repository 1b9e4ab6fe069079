import { z } from 'zod';
import { commonEnvShape, parseEnv } from '@lsl/contracts';
import { queueEnvShape } from '@lsl/queue';
import { webhookEnvShape } from '@lsl/webhooks';

const schema = z.object({
  DATABASE_URL: z.string().min(1, 'DATABASE_URL is required for a standalone worker'),
  ...commonEnvShape,
  ...queueEnvShape(),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).default(10),
  /**
   * Partition affinity (docs/performance.md): this process is slot WORKER_PROCESS_INDEX of
   * WORKER_PROCESSES and consumes partitions p with p mod WORKER_PROCESSES = its slot (plus those
   * of dead slots). Unset: every partition. `npm start` sets both.
   */
  WORKER_PROCESSES: z.coerce.number().int().min(1).max(1024).optional(),
  WORKER_PROCESS_INDEX: z.coerce.number().int().min(0).max(1023).optional(),
  ...webhookEnvShape,
  /** Serve this process's `/metrics` and `/healthz` on this port; unset: no listener (docs/operations.md). */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  METRICS_HOST: z.string().default('127.0.0.1'),
});

export type WorkerEnv = z.infer<typeof schema>;

/** Parsed once at start-up; a bad variable stops the process with its name. */
export function parseWorkerEnv(env: NodeJS.ProcessEnv): WorkerEnv {
  return parseEnv(schema, env);
}

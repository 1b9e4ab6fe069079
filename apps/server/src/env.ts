import { z } from 'zod';
import { DEFAULT_PARTITIONS, DEFAULT_PREFIX } from '@lsl/queue';
import { webhookEnvShape } from '@lsl/webhooks';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z.object({
  /** Unset: an embedded Postgres under EMBEDDED_PG_DIR. */
  DATABASE_URL: z.string().min(1).optional(),
  REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  LEDGER_TIMEZONE: z.string().default('America/Bogota').refine(isTimeZone, 'must be an IANA time zone, e.g. America/Bogota'),
  QUEUE_PARTITIONS: z.coerce.number().int().min(1).max(1024).default(DEFAULT_PARTITIONS),
  QUEUE_PREFIX: z.string().min(1).default(DEFAULT_PREFIX),
  /** Worker slots in this process per partition queue; 0 runs no worker here. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(0).max(64).default(2),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).default(20),
  EMBEDDED_PG_DIR: z.string().default('.data/postgres'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  DASHBOARD_USER: z.string().default('admin'),
  DASHBOARD_PASSWORD: z.string().optional(),
  BODY_LIMIT: z.string().default('1mb'),
  /** How long SIGTERM waits for running jobs before handing them back. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(20_000),
  LOG_REQUESTS: bool.default(false),
  ...webhookEnvShape,
});

export type ServerEnv = z.infer<typeof schema>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Parsed once at start-up; a bad variable stops the process with its name. */
export function parseServerEnv(env: NodeJS.ProcessEnv): ServerEnv {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${problems}`);
  }
  return parsed.data;
}

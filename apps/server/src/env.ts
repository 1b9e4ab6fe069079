import { z } from 'zod';
import { DEFAULT_PARTITIONS, DEFAULT_PREFIX } from '@lsl/queue';
import { webhookEnvShape } from '@lsl/webhooks';
import { MAX_KEY_LENGTH, parseKeyList } from './auth/api-key.js';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z.object({
  /** Unset: an embedded Postgres under EMBEDDED_PG_DIR. */
  DATABASE_URL: z.string().min(1).optional(),
  /** Unset (or empty): the queues live in Postgres, next to the ledger (see @lsl/queue). */
  REDIS_URL: z.string().optional().transform((v) => v || undefined),
  /** Connections of the Postgres queue pool (when REDIS_URL is unset). */
  QUEUE_POOL_SIZE: z.coerce.number().int().min(1).default(5),
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
  /** One log line per HTTP request. */
  LOG_REQUESTS: bool.default(true),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  /** The dashboard only shows; `false` lets it retry, clean, pause and promote jobs. */
  DASHBOARD_READ_ONLY: bool.default(true),
  /** Keys accepted at start-up, comma-separated; hashed at once (docs/security.md). */
  API_KEYS: z
    .string()
    .optional()
    .refine((v) => parseKeyList(v).every((k) => k.length >= 16 && k.length <= MAX_KEY_LENGTH && /^[\x21-\x7e]+$/.test(k)), {
      message: `each key must be 16 to ${MAX_KEY_LENGTH} printable characters without spaces (npm run keys -- create makes good ones)`,
    }),
  /** How long a server trusts its copy of the database's keys: a revoked key works at most this long. */
  API_KEY_CACHE_MS: z.coerce.number().int().min(0).max(600_000).default(5000),
  /** Requests per window of a key without its own limit; 0 = unlimited. */
  RATE_LIMIT_REQUESTS: z.coerce.number().int().min(0).default(100),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(1),
  /** Where the rate-limit counters live; `auto`: Redis when REDIS_URL is set, else Postgres. */
  RATE_LIMIT_STORE: z.enum(['auto', 'redis', 'postgres']).default('auto'),
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

import { z } from 'zod';
import { commonEnvShape, envBoolean, parseEnv } from '@lsl/contracts';
import { queueEnvShape } from '@lsl/queue';
import { webhookEnvShape } from '@lsl/webhooks';
import { MAX_KEY_LENGTH, parseKeyList } from './auth/api-key.js';

const schema = z.object({
  /** Unset: an embedded Postgres under EMBEDDED_PG_DIR. */
  DATABASE_URL: z.string().min(1).optional(),
  ...commonEnvShape,
  ...queueEnvShape(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  /** Worker slots in this process per partition queue; 0 runs no worker here. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(0).max(64).default(2),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).default(20),
  EMBEDDED_PG_DIR: z.string().default('.data/postgres'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  DASHBOARD_USER: z.string().default('admin'),
  DASHBOARD_PASSWORD: z.string().optional(),
  BODY_LIMIT: z.string().default('1mb'),
  /** One log line per HTTP request. */
  LOG_REQUESTS: envBoolean.default(true),
  /** The dashboard only shows; `false` lets it retry, clean, pause and promote jobs. */
  DASHBOARD_READ_ONLY: envBoolean.default(true),
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

/** Parsed once at start-up; a bad variable stops the process with its name. */
export function parseServerEnv(env: NodeJS.ProcessEnv): ServerEnv {
  return parseEnv(schema, env);
}

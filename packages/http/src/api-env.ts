import { z } from 'zod';
import { envBoolean } from '@lsl/contracts';
import { MAX_KEY_LENGTH, parseKeyList } from './auth/api-key.js';

/**
 * The variables of every process that answers the HTTP API (the server, and intake or results
 * on their own), for its app's `src/env.ts` (README, "Configuration").
 */
export function apiEnvShape(defaults: { port: number }) {
  return {
    PORT: z.coerce.number().int().min(0).max(65535).default(defaults.port),
    HOST: z.string().default('127.0.0.1'),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).default(20),
    BODY_LIMIT: z.string().default('1mb'),
    /** One log line per HTTP request. */
    LOG_REQUESTS: envBoolean.default(true),
    /** Keys accepted at start-up, comma-separated; hashed at once (docs/security.md). */
    API_KEYS: z
      .string()
      .optional()
      .refine((v) => parseKeyList(v).every((k) => k.length >= 16 && k.length <= MAX_KEY_LENGTH && /^[\x21-\x7e]+$/.test(k)), {
        message: `each key must be 16 to ${MAX_KEY_LENGTH} printable characters without spaces (npm run keys -- create makes good ones)`,
      }),
    /** How long a process trusts its copy of the database's keys: a revoked key works at most this long. */
    API_KEY_CACHE_MS: z.coerce.number().int().min(0).max(600_000).default(5000),
    /** Requests per window of a key without its own limit; 0 = unlimited. */
    RATE_LIMIT_REQUESTS: z.coerce.number().int().min(0).default(100),
    RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(1),
    /** Where the rate-limit counters live; `auto`: Redis when REDIS_URL is set, else Postgres. */
    RATE_LIMIT_STORE: z.enum(['auto', 'redis', 'postgres']).default('auto'),
  };
}

/** The parsed variables `startApiAuth` reads. */
export interface ApiAuthEnv {
  HOST: string;
  API_KEYS?: string | undefined;
  API_KEY_CACHE_MS: number;
  RATE_LIMIT_REQUESTS: number;
  RATE_LIMIT_WINDOW_SECONDS: number;
  RATE_LIMIT_STORE: 'auto' | 'redis' | 'postgres';
  REDIS_URL?: string | undefined;
  QUEUE_PREFIX: string;
}

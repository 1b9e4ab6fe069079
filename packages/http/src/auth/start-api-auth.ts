import type { RequestHandler } from 'express';
import type { Kysely } from 'kysely';
import type { Database } from '@lsl/db';
import { createRedis, isClusterUrl } from '@lsl/queue';
import type { ApiAuthEnv } from '../api-env.js';
import { parseKeyList } from './api-key.js';
import { decideAuthMode, OPEN_WARNING, type AuthMode } from './auth-mode.js';
import { KeyRing } from './key-ring.js';
import { createKeyRateLimiter, type RateLimitStore } from './rate-limit.js';
import { requireApiKey } from './require-api-key.js';

export interface ApiAuth {
  /** Runs before every `/v1` route: API key and rate limit. */
  handler: RequestHandler;
  mode: AuthMode;
  rateLimitStore: RateLimitStore['kind'];
  close(): void;
}

/**
 * The API keys and rate limits of a process that answers `/v1` (docs/security.md), set up the
 * same way in each: keys loaded before anything listens (a process that would be open to the
 * network stops here), the counters in Redis when there is a plain one, else in Postgres.
 */
export async function startApiAuth(db: Kysely<Database>, env: ApiAuthEnv, log: (message: string, fields?: Record<string, unknown>) => void): Promise<ApiAuth> {
  const keys = new KeyRing({ db, envKeys: parseKeyList(env.API_KEYS), cacheMs: env.API_KEY_CACHE_MS, log });
  await keys.refresh();
  const mode = decideAuthMode(env.HOST, keys.size);
  if (mode === 'open-on-loopback') {
    console.error(OPEN_WARNING);
    log('no API key configured: /v1 is open to this machine until a key is created', { level: 'warn', host: env.HOST });
  }
  const useRedis = env.RATE_LIMIT_STORE === 'redis' || (env.RATE_LIMIT_STORE === 'auto' && Boolean(env.REDIS_URL));
  // Rate-limit counters in Redis need a plain Redis: on a Redis Cluster (or without Redis) they live in Postgres.
  const redis = useRedis && env.REDIS_URL && !isClusterUrl(env.REDIS_URL) ? createRedis({ url: env.REDIS_URL }) : undefined;
  const store: RateLimitStore = redis ? { kind: 'redis', redis: redis as never, prefix: env.QUEUE_PREFIX } : { kind: 'postgres', db };
  const handler = requireApiKey({
    keys,
    limiter: createKeyRateLimiter({ store, windowSeconds: env.RATE_LIMIT_WINDOW_SECONDS }),
    defaultRateLimit: env.RATE_LIMIT_REQUESTS,
    windowSeconds: env.RATE_LIMIT_WINDOW_SECONDS,
    openUntilFirstKey: mode === 'open-on-loopback',
    log,
  });
  return { handler, mode, rateLimitStore: store.kind, close: () => redis?.disconnect() };
}

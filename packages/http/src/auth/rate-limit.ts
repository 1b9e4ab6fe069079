import type { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { RATE_LIMIT_TABLE, rateLimitStoreClient, type Database } from '@lsl/db';

/** Where the counters live: in Redis when there is one, else in Postgres; either is shared by every process. */
export type RateLimitStore = { kind: 'redis'; redis: Redis; prefix: string } | { kind: 'postgres'; db: Kysely<Database> };

export interface KeyRateLimiterOptions {
  store: RateLimitStore;
  /** The window the limits count over, in seconds (1: a limit is requests per second). */
  windowSeconds: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Per-key limits with rate-limiter-flexible's fixed windows, counted in Redis or Postgres so
 * that N server processes together allow a key its limit, not N times it. One limiter per
 * distinct limit (the library fixes `points` per limiter). When the store fails, a per-process
 * in-memory limiter stands in (the library's `insuranceLimiter`): a store outage neither
 * blocks the API nor lifts the limits.
 */
export function createKeyRateLimiter(options: KeyRateLimiterOptions) {
  const limiters = new Map<number, RateLimiterAbstract>();
  const limiterFor = (limit: number): RateLimiterAbstract => {
    let limiter = limiters.get(limit);
    if (limiter === undefined) {
      const common = { points: limit, duration: options.windowSeconds, insuranceLimiter: new RateLimiterMemory({ points: limit, duration: options.windowSeconds }) };
      const { store } = options;
      limiter =
        store.kind === 'redis'
          ? new RateLimiterRedis({ ...common, storeClient: store.redis, keyPrefix: `${store.prefix}:ratelimit:${limit}`, rejectIfRedisNotReady: true })
          : new RateLimiterPostgres({ ...common, storeClient: rateLimitStoreClient(store.db), storeType: 'pool', tableName: RATE_LIMIT_TABLE, tableCreated: true, keyPrefix: `rl${limit}` });
      limiters.set(limit, limiter);
    }
    return limiter;
  };

  return {
    /** Counts one request of `keyId` against `limit` per window (0: unlimited). */
    async consume(keyId: string, limit: number): Promise<RateDecision> {
      if (limit <= 0) return { allowed: true };
      try {
        await limiterFor(limit).consume(keyId);
        return { allowed: true };
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
        throw rejection;
      }
    },
  };
}

export type KeyRateLimiter = ReturnType<typeof createKeyRateLimiter>;

import { Redis } from 'ioredis';

export interface RedisConnectionOptions {
  url: string;
  /** Workers need `maxRetriesPerRequest: null` (blocking commands must wait out outages). */
  forWorker?: boolean;
}

export function createRedis(options: RedisConnectionOptions): Redis {
  const redis = new Redis(options.url, {
    maxRetriesPerRequest: options.forWorker ? null : 3,
    enableOfflineQueue: true,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  // Connection errors are retried by ioredis; without a listener they would crash the process.
  redis.on('error', () => {});
  return redis;
}

import { Redis } from 'ioredis';

/** Fails fast, with the way out, when no Redis answers at REDIS_URL. */
export async function checkRedis(url: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 3000 });
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(
      [
        `No Redis answers at REDIS_URL=${url} (${String((error as Error).message ?? error)}).`,
        'The queues need Redis 6.2 or newer. Either:',
        '  - Debian/Ubuntu: sudo apt-get install redis-server && redis-server --daemonize yes',
        '  - macOS: brew install redis && brew services start redis',
        '  - Docker: docker run -d -p 6379:6379 redis:7',
        'or point REDIS_URL at one you have (e.g. REDIS_URL=redis://host:6379).',
      ].join('\n'),
    );
  } finally {
    redis.disconnect();
  }
}

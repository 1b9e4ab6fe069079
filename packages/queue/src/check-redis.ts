import { Cluster, Redis } from 'ioredis';
import { isClusterUrl, parseClusterUrl, redactUrl } from './redis.js';

/** Fails fast, with the way out, when no Redis (or Redis Cluster) answers at REDIS_URL. */
export async function checkRedis(url: string): Promise<void> {
  const once = { maxRetriesPerRequest: 0, connectTimeout: 3000 };
  let redis: Redis | Cluster;
  if (isClusterUrl(url)) {
    const address = parseClusterUrl(url);
    redis = new Cluster(address.nodes, {
      lazyConnect: true,
      clusterRetryStrategy: () => null,
      redisOptions: { ...once, username: address.username, password: address.password, ...(address.tls ? { tls: {} } : {}) },
    });
  } else {
    redis = new Redis(url, { ...once, lazyConnect: true, retryStrategy: () => null });
  }
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(
      [
        `No Redis answers at REDIS_URL=${redactUrl(url)} (${String((error as Error).message ?? error)}).`,
        'The queues need Redis 6.2 or newer there. Either:',
        '  - unset REDIS_URL: the queues then live in Postgres, and nothing but Node.js is needed',
        '  - Debian/Ubuntu: sudo apt-get install redis-server && redis-server --daemonize yes',
        '  - macOS: brew install redis && brew services start redis',
        '  - Docker: docker run -d -p 6379:6379 redis:7',
        'or point REDIS_URL at one you have (redis://host:6379, or redis-cluster://host:port,host:port).',
      ].join('\n'),
    );
  } finally {
    redis.disconnect();
  }
}

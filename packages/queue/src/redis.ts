import { Cluster, Redis } from 'ioredis';

export interface RedisConnectionOptions {
  /** `redis://…`, `rediss://…`, or a cluster: `redis-cluster://[user:password@]host:port,host:port,…`. */
  url: string;
  /** Workers need `maxRetriesPerRequest: null` (blocking commands must wait out outages). */
  forWorker?: boolean;
}

const CLUSTER_SCHEMES = ['redis-cluster:', 'rediss-cluster:'];

/** Whether a REDIS_URL names a Redis Cluster (`redis-cluster://host:port,host:port`). */
export function isClusterUrl(url: string): boolean {
  return CLUSTER_SCHEMES.some((scheme) => url.startsWith(`${scheme}//`));
}

export interface ClusterAddress {
  nodes: Array<{ host: string; port: number }>;
  username?: string;
  password?: string;
  tls: boolean;
}

/**
 * `redis-cluster://[user:password@]host:port,host:port,…` → the seed nodes (any masters of
 * the cluster; ioredis discovers the rest from them). `rediss-cluster://` connects with TLS.
 */
export function parseClusterUrl(url: string): ClusterAddress {
  const scheme = CLUSTER_SCHEMES.find((s) => url.startsWith(`${s}//`));
  if (!scheme) throw new Error(`not a Redis Cluster URL (redis-cluster://host:port,host:port): ${url}`);
  let rest = url.slice(scheme.length + 2).replace(/\/.*$/, '');
  let username: string | undefined;
  let password: string | undefined;
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    const auth = rest.slice(0, at);
    rest = rest.slice(at + 1);
    const colon = auth.indexOf(':');
    username = decodeURIComponent(colon >= 0 ? auth.slice(0, colon) : auth) || undefined;
    password = colon >= 0 ? decodeURIComponent(auth.slice(colon + 1)) : undefined;
  }
  const nodes = rest.split(',').filter(Boolean).map((hostPort) => {
    const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(hostPort);
    if (!match) throw new Error(`bad Redis Cluster node "${hostPort}" in ${scheme}//…`);
    return { host: match[1]!.replace(/^\[|\]$/g, ''), port: Number(match[2] ?? 6379) };
  });
  if (nodes.length === 0) throw new Error(`a Redis Cluster URL names at least one node: ${scheme}//host:port,host:port`);
  return { nodes, username, password, tls: scheme === 'rediss-cluster:' };
}

/** A connection to the Redis (or Redis Cluster) at `url`, retried by ioredis through outages. */
export function createRedis(options: RedisConnectionOptions): Redis | Cluster {
  const maxRetriesPerRequest = options.forWorker ? null : 3;
  const retryStrategy = (times: number) => Math.min(times * 200, 2000);
  if (isClusterUrl(options.url)) {
    const address = parseClusterUrl(options.url);
    const cluster = new Cluster(address.nodes, {
      redisOptions: {
        username: address.username,
        password: address.password,
        maxRetriesPerRequest,
        ...(address.tls ? { tls: {} } : {}),
      },
      enableOfflineQueue: true,
      clusterRetryStrategy: retryStrategy,
    });
    cluster.on('error', () => {});
    return cluster;
  }
  const redis = new Redis(options.url, { maxRetriesPerRequest, enableOfflineQueue: true, retryStrategy });
  // Connection errors are retried by ioredis; without a listener they would crash the process.
  redis.on('error', () => {});
  return redis;
}

/** A URL safe to log: the password replaced. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^@/]*):([^@/]*)@/, '//$1:***@');
}

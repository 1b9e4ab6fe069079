import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { CONFIG_KINDS, DEFAULT_CONFIG_ID, DEFAULT_CONFIGS } from '@lsl/contracts';
import { createDb, ensureConfigs, migrateToLatest } from '@lsl/db';
import { createRedis, OperationQueues } from '@lsl/queue';
import { createWebhookQueue, deliveryPolicyOf } from '@lsl/webhooks';
import { closeWithGrace, startWorker, type RunningWorker } from '@lsl/worker';
import { createApp } from './app.js';
import { checkRedis } from './check-redis.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres.js';
import { parseServerEnv } from './env.js';
import { createMetrics } from './metrics.js';

const log = (message: string, fields?: Record<string, unknown>) =>
  console.log(JSON.stringify({ time: new Date().toISOString(), level: 'info', service: 'server', pid: process.pid, message, ...fields }));

async function main() {
  const env = parseServerEnv(process.env);
  await checkRedis(env.REDIS_URL);

  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres({ dir: env.EMBEDDED_PG_DIR, port: env.EMBEDDED_PG_PORT, log });
    databaseUrl = embedded.url;
    log('embedded PostgreSQL started', { dir: env.EMBEDDED_PG_DIR, port: env.EMBEDDED_PG_PORT });
  }

  const db = createDb({ connectionString: databaseUrl, max: env.DATABASE_POOL_SIZE, applicationName: 'lsl-server' });
  await migrateToLatest(db);
  await ensureConfigs(db, [
    ...CONFIG_KINDS.map((kind) => ({ kind, id: DEFAULT_CONFIG_ID, body: { ...DEFAULT_CONFIGS[kind] } })),
    // The seed's create-waiver example names this config; a fresh install accepts it as-is.
    { kind: 'waivers' as const, id: 'DEFAULT_WAIVER_CONFIG', body: { ...DEFAULT_CONFIGS.waivers } },
  ]);

  const producer = createRedis({ url: env.REDIS_URL });
  const queues = new OperationQueues({ connection: producer, partitions: env.QUEUE_PARTITIONS, prefix: env.QUEUE_PREFIX });
  const metrics = createMetrics(queues);
  const webhookQueue = createWebhookQueue(producer, env.QUEUE_PREFIX);

  let worker: RunningWorker | undefined;
  if (env.WORKER_CONCURRENCY > 0) {
    worker = await startWorker({
      db,
      redisUrl: env.REDIS_URL,
      partitions: env.QUEUE_PARTITIONS,
      prefix: env.QUEUE_PREFIX,
      concurrency: env.WORKER_CONCURRENCY,
      ledger: { timeZone: env.LEDGER_TIMEZONE },
      webhooks: env.WEBHOOKS_CONCURRENCY > 0 ? { concurrency: env.WEBHOOKS_CONCURRENCY, policy: deliveryPolicyOf(env), pollMs: env.WEBHOOKS_POLL_MS } : undefined,
      onApplied: (row, result) => metrics.applied.inc({ type: row.type, status_code: String(result.statusCode) }),
      log,
    });
  }

  const dashboardPassword = env.DASHBOARD_PASSWORD ?? randomBytes(12).toString('base64url');
  if (!env.DASHBOARD_PASSWORD) log('DASHBOARD_PASSWORD not set; generated one for this run', { user: env.DASHBOARD_USER, password: dashboardPassword });

  const app = createApp({
    db,
    queues,
    timeZone: env.LEDGER_TIMEZONE,
    metrics,
    dashboard: { user: env.DASHBOARD_USER, password: dashboardPassword },
    bodyLimit: env.BODY_LIMIT,
    log,
    pingRedis: () => producer.ping(),
    webhooks: { queue: webhookQueue, hostPolicy: { allowPrivate: env.WEBHOOKS_ALLOW_PRIVATE, dnsServers: env.WEBHOOKS_DNS_SERVERS } },
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(env.PORT, env.HOST, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  log('listening', { url: `http://${env.HOST}:${port}`, workers: env.WORKER_CONCURRENCY > 0, partitions: env.QUEUE_PARTITIONS });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log('shutting down', { signal });
    // Stop taking requests, then let workers finish or hand back their jobs, then close pools.
    await new Promise((resolve) => server.close(resolve));
    const outcome = worker ? await closeWithGrace(worker, env.SHUTDOWN_GRACE_MS, log) : 'closed';
    if (outcome === 'closed') {
      await queues.close();
      await webhookQueue.close();
      producer.disconnect();
      await db.destroy();
    }
    await embedded?.stop().catch(() => {});
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : `start-up failed: ${JSON.stringify(error) ?? String(error)}`);
  process.exit(1);
});

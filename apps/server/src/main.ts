import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { createAppliedListener, createDb } from '@lsl/db';
import { prepareDatabase } from '@lsl/intake-api';
import { checkRedis, openQueues, OperationQueues } from '@lsl/queue';
import { createLogger, messageLog, trackQueueDepth } from '@lsl/telemetry';
import { createWebhookQueue, deliveryPolicyOf } from '@lsl/webhooks';
import { closeWithGrace, createCloseQueue, startWorker, type RunningWorker } from '@lsl/worker';
import { answerClientError, startApiAuth } from '@lsl/http';
import { createApp } from './app.js';
import { RESPONSE_VIOLATION } from './response-check.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres.js';
import { parseServerEnv } from './env.js';

const logger = createLogger({ service: 'server' });
const log = messageLog(logger);

async function main() {
  const env = parseServerEnv(process.env);
  logger.level = env.LOG_LEVEL;
  // No REDIS_URL: the queues live in Postgres and nothing touches Redis.
  if (env.REDIS_URL) await checkRedis(env.REDIS_URL);

  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres({ dir: env.EMBEDDED_PG_DIR, port: env.EMBEDDED_PG_PORT, log: (m) => logger.info(m) });
    databaseUrl = embedded.url;
    logger.info({ dir: env.EMBEDDED_PG_DIR, port: env.EMBEDDED_PG_PORT }, 'embedded PostgreSQL started');
  }

  const db = createDb({ connectionString: databaseUrl, max: env.DATABASE_POOL_SIZE, applicationName: 'lsl-server' });
  await prepareDatabase(db);

  // Keys before anything else starts: a server that would be open to the network stops here.
  const apiAuth = await startApiAuth(db, env, log);

  const opened = await openQueues(env, { databaseUrl, applicationName: 'lsl-server-queue' });
  const { backend } = opened;
  log('queues ready', { backend: backend.kind, location: backend.location });
  const queues = new OperationQueues(opened);
  const webhookQueue = createWebhookQueue(backend, env.QUEUE_PREFIX);

  let worker: RunningWorker | undefined;
  if (env.WORKER_CONCURRENCY > 0) {
    worker = await startWorker({
      db,
      ...opened,
      concurrency: env.WORKER_CONCURRENCY,
      ledger: { timeZone: env.LEDGER_TIMEZONE },
      logger: logger.child({ component: 'worker' }),
      webhooks: env.WEBHOOKS_CONCURRENCY > 0 ? { concurrency: env.WEBHOOKS_CONCURRENCY, policy: deliveryPolicyOf(env), pollMs: env.WEBHOOKS_POLL_MS } : undefined,
    });
  }

  const appliedListener = createAppliedListener(databaseUrl, log);
  const dashboardPassword = env.DASHBOARD_PASSWORD ?? randomBytes(12).toString('base64url');
  // Shown once so the operator can log in; set DASHBOARD_PASSWORD in any deployment.
  if (!env.DASHBOARD_PASSWORD) logger.warn({ user: env.DASHBOARD_USER, generated_password: dashboardPassword }, 'DASHBOARD_PASSWORD not set; generated one for this run');

  // Every queue of the system: the dashboard shows them, `lsl_queue_jobs` counts them.
  const monitoredQueues = [...queues.queues, webhookQueue, createCloseQueue(backend, env.QUEUE_PREFIX)];
  const untrackQueues = trackQueueDepth(monitoredQueues);
  const app = createApp({
    db,
    queues,
    timeZone: env.LEDGER_TIMEZONE,
    logger,
    dashboard: { user: env.DASHBOARD_USER, password: dashboardPassword, readOnly: env.DASHBOARD_READ_ONLY, queueBackend: backend.kind },
    monitoredQueues,
    bodyLimit: env.BODY_LIMIT,
    checkQueueBackend: () => backend.ping(),
    logRequests: env.LOG_REQUESTS,
    apiAuth: apiAuth.handler,
    appliedListener,
    webhooks: { hostPolicy: { allowPrivate: env.WEBHOOKS_ALLOW_PRIVATE, dnsServers: env.WEBHOOKS_DNS_SERVERS } },
    onResponseViolation: env.LSL_CHECK_RESPONSES ? (violation) => logger.error({ ...violation }, RESPONSE_VIOLATION) : undefined,
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(env.PORT, env.HOST, () => resolve(s));
  });
  server.on('clientError', answerClientError);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  logger.info({
    url: `http://${env.HOST}:${port}`,
    workers: env.WORKER_CONCURRENCY > 0,
    partitions: env.QUEUE_PARTITIONS,
    api_keys: apiAuth.mode === 'keyed' ? 'required' : 'open until a key exists',
    rate_limit_store: apiAuth.rateLimitStore,
  }, 'listening');

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    const log = logger.child({ signal });
    log.info('shutting down');
    // Stop taking requests (idle keep-alive sockets closed now, requests in flight answered),
    // then let workers finish or hand back their jobs, then close pools.
    const closed = new Promise((resolve) => server.close(resolve));
    server.closeIdleConnections();
    await closed;
    const outcome = worker ? await closeWithGrace(worker, env.SHUTDOWN_GRACE_MS, log) : 'closed';
    untrackQueues();
    await appliedListener.close();
    if (outcome === 'closed') {
      await queues.close();
      await webhookQueue.close();
      await backend.close();
      apiAuth.close();
      await db.destroy();
    }
    await embedded?.stop().catch(() => {});
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

// A start-up failure is for a person first (plain text on stderr, with the way out), and a
// JSON line for the log shipper when stdout is not a terminal.
main().catch((error) => {
  const message = error instanceof Error ? error.message : `start-up failed: ${JSON.stringify(error) ?? String(error)}`;
  if (!process.stdout.isTTY) logger.fatal({ err: error }, message);
  console.error(message);
  process.exit(1);
});

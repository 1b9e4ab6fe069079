import { createDb } from '@lsl/db';
import { openQueues } from '@lsl/queue';
import { createLogger, startMetricsServer } from '@lsl/telemetry';
import { deliveryPolicyOf } from '@lsl/webhooks';
import { parseWorkerEnv } from './env.js';
import { closeWithGrace } from './close-with-grace.js';
import { startWorker } from './start-worker.js';

// A worker process on its own: `node apps/worker/dist/main.js` (run as many as you like).
const logger = createLogger({ service: 'worker' });

async function main() {
  const env = parseWorkerEnv(process.env);
  logger.level = env.LOG_LEVEL;
  const db = createDb({ connectionString: env.DATABASE_URL, max: env.DATABASE_POOL_SIZE, applicationName: 'lsl-worker' });
  const opened = await openQueues(env, { databaseUrl: env.DATABASE_URL, applicationName: 'lsl-worker-queue' });
  const { backend } = opened;
  const worker = await startWorker({
    db,
    ...opened,
    concurrency: env.WORKER_CONCURRENCY,
    ledger: { timeZone: env.LEDGER_TIMEZONE },
    logger,
    affinity:
      env.WORKER_PROCESSES !== undefined && env.WORKER_PROCESS_INDEX !== undefined
        ? { index: env.WORKER_PROCESS_INDEX, processes: env.WORKER_PROCESSES, databaseUrl: env.DATABASE_URL }
        : undefined,
    webhooks: env.WEBHOOKS_CONCURRENCY > 0 ? { concurrency: env.WEBHOOKS_CONCURRENCY, policy: deliveryPolicyOf(env), pollMs: env.WEBHOOKS_POLL_MS } : undefined,
  });
  // Workers may run as separate processes (containers): each serves its own metrics.
  const metrics = env.METRICS_PORT === undefined ? undefined : await startMetricsServer({ port: env.METRICS_PORT, host: env.METRICS_HOST });
  logger.info(
    { queues: backend.kind, partitions: env.QUEUE_PARTITIONS, workerIds: worker.workers.map((w) => w.id), metrics_url: metrics ? `http://${env.METRICS_HOST}:${metrics.port}/metrics` : null },
    'worker started',
  );

  // SIGTERM/SIGINT: finish or hand back the current jobs (see closeWithGrace), then exit 0.
  let closing = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, async () => {
      if (closing) return;
      closing = true;
      const started = Date.now();
      const log = logger.child({ signal });
      log.info('shutting down');
      if ((await closeWithGrace(worker, env.SHUTDOWN_GRACE_MS, log)) === 'closed') {
        await backend.close().catch(() => {});
        await db.destroy().catch(() => {});
      }
      await metrics?.close();
      log.info({ ms: Date.now() - started }, 'worker stopped');
      process.exit(0);
    });
  }
}

// A start-up failure is for a person first (plain text on stderr, with the way out), and a
// JSON line for the log shipper when stdout is not a terminal.
main().catch((error) => {
  const message = error instanceof Error ? error.message : `start-up failed: ${JSON.stringify(error) ?? String(error)}`;
  if (!process.stdout.isTTY) logger.fatal({ err: error }, message);
  console.error(message);
  process.exit(1);
});

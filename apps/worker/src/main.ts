import { createDb } from '@lsl/db';
import { deliveryPolicyOf } from '@lsl/webhooks';
import { parseWorkerEnv } from './env.js';
import { closeWithGrace } from './close-with-grace.js';
import { startWorker } from './start-worker.js';

// A worker process on its own: `node apps/worker/dist/main.js` (run as many as you like).
const env = parseWorkerEnv(process.env);
const db = createDb({ connectionString: env.DATABASE_URL, max: env.DATABASE_POOL_SIZE, applicationName: 'lsl-worker' });
const worker = await startWorker({
  db,
  redisUrl: env.REDIS_URL,
  partitions: env.QUEUE_PARTITIONS,
  prefix: env.QUEUE_PREFIX,
  concurrency: env.WORKER_CONCURRENCY,
  ledger: { timeZone: env.LEDGER_TIMEZONE },
  webhooks: env.WEBHOOKS_CONCURRENCY > 0 ? { concurrency: env.WEBHOOKS_CONCURRENCY, policy: deliveryPolicyOf(env), pollMs: env.WEBHOOKS_POLL_MS } : undefined,
  log: (message, fields) => console.log(JSON.stringify({ level: 'info', service: 'worker', pid: process.pid, message, ...fields })),
});
console.log(JSON.stringify({ level: 'info', service: 'worker', pid: process.pid, message: 'worker started', partitions: env.QUEUE_PARTITIONS, workerIds: worker.workers.map((w) => w.id) }));

// SIGTERM/SIGINT: finish or hand back the current jobs (see closeWithGrace), then exit 0.
let closing = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, async () => {
    if (closing) return;
    closing = true;
    const started = Date.now();
    const log = (message: string, fields?: Record<string, unknown>) => console.log(JSON.stringify({ level: 'info', service: 'worker', pid: process.pid, message, signal, ...fields }));
    log('shutting down');
    if ((await closeWithGrace(worker, env.SHUTDOWN_GRACE_MS, log)) === 'closed') await db.destroy().catch(() => {});
    log('worker stopped', { ms: Date.now() - started });
    process.exit(0);
  });
}

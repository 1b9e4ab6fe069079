import { createDb } from '@lsl/db';
import { parseWorkerEnv } from './env.js';
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
  log: (message, fields) => console.log(JSON.stringify({ level: 'info', service: 'worker', pid: process.pid, message, ...fields })),
});
console.log(JSON.stringify({ level: 'info', service: 'worker', pid: process.pid, message: 'worker started', partitions: env.QUEUE_PARTITIONS, workerIds: worker.workers.map((w) => w.id) }));

// SIGTERM: stop taking jobs and let the current ones finish (their transactions commit), then
// exit 0. A job still running after SHUTDOWN_GRACE_MS (say, blocked on a database that does not
// answer) is handed back by exiting anyway: its transaction dies with the connection and rolls
// back, its lock is no longer renewed, and the sweeper has another worker take the borrower
// within seconds. Either way nothing is lost or half-applied.
let closing = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, async () => {
    if (closing) return;
    closing = true;
    const started = Date.now();
    const log = (message: string, fields?: Record<string, unknown>) => console.log(JSON.stringify({ level: 'info', service: 'worker', pid: process.pid, message, signal, ...fields }));
    log('shutting down');
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<'expired'>((resolve) => (timer = setTimeout(() => resolve('expired'), env.SHUTDOWN_GRACE_MS)));
    const closed = worker.close().then(
      () => 'closed' as const,
      (error) => (log('error while closing', { error: String(error) }), 'closed' as const),
    );
    const outcome = await Promise.race([closed, grace]);
    clearTimeout(timer);
    if (outcome === 'expired') {
      log('shutdown grace expired; handing back the jobs still running', { graceMs: env.SHUTDOWN_GRACE_MS });
    } else {
      await db.destroy().catch(() => {});
    }
    log('worker stopped', { ms: Date.now() - started });
    process.exit(0);
  });
}
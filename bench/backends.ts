// The pipeline on each queue backend, side by side: the same load (one create loan then
// payments per borrower, from concurrent clients) against a system whose queues are in Redis,
// then one whose queues are in Postgres (docs/performance.md, "Queue backends"). Prints
// figures; asserts nothing.
//   node --conditions=source --import tsx bench/backends.ts [borrowers] [paymentsEach] [workers]
// `compareBackends` is the same as a function, for `npm run bench` to call.
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { createLoanBody, paymentBody, startSystem } from '../test/helpers.js';

export type BenchBackend = 'redis' | 'postgres';

export interface BackendFigures {
  backend: BenchBackend;
  operations: number;
  /** Accepted (202) per second, first request to last answer. */
  intakeOpsPerSec: number;
  intakeP50Ms: number;
  intakeP95Ms: number;
  /** Applied per second, first request to the last operation applied. */
  appliedOpsPerSec: number;
  /** Connections the system held on Postgres at the end of the load (all application names). */
  postgresConnections: number;
}

export interface CompareOptions {
  borrowers?: number;
  paymentsEach?: number;
  /** Worker processes (the server runs none). */
  workers?: number;
  clients?: number;
  backends?: BenchBackend[];
}

async function runOn(backend: BenchBackend, options: Required<Omit<CompareOptions, 'backends'>>): Promise<BackendFigures> {
  const system = await startSystem({
    queueBackend: backend,
    serverWorkerConcurrency: 0,
    workers: options.workers,
    partitions: 8,
    // Production pool sizes, not the tests' small ones.
    env: { DATABASE_POOL_SIZE: '10', QUEUE_POOL_SIZE: '5' },
  });
  try {
    const jobs: Array<{ path: string; body: unknown }> = [];
    for (let b = 0; b < options.borrowers; b++) jobs.push({ path: `/v1/borrowers/BB${b}/loans/L1/create?is_migration=true`, body: createLoanBody() });
    for (let k = 1; k <= options.paymentsEach; k++) {
      for (let b = 0; b < options.borrowers; b++) {
        jobs.push({ path: `/v1/borrowers/BB${b}/payments/P${k}/create?is_migration=true`, body: paymentBody(1000, '2024-02-01', `p${k}`) });
      }
    }
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: options.clients }, async () => {
        while (next < jobs.length) {
          const job = jobs[next++]!;
          const t0 = performance.now();
          const res = await system.api.post(job.path, job.body);
          latencies.push(performance.now() - t0);
          if (res.status !== 202) throw new Error(`unexpected ${res.status}: ${JSON.stringify(res.body)}`);
        }
      }),
    );
    const accepted = performance.now();
    const client = new pg.Client({ connectionString: system.databaseUrl });
    await client.connect();
    let connections = 0;
    try {
      for (;;) {
        const { rows } = await client.query("select count(*)::int as n from operations where status in ('queued', 'processing')");
        if (rows[0].n === 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const dbName = new URL(system.databaseUrl).pathname.slice(1);
      const { rows } = await client.query("select count(*)::int as n from pg_stat_activity where datname = $1 and application_name like 'lsl-%' and application_name not like 'lsl-test%'", [dbName]);
      connections = rows[0].n;
    } finally {
      await client.end();
    }
    const applied = performance.now();
    latencies.sort((a, b) => a - b);
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
    return {
      backend,
      operations: jobs.length,
      intakeOpsPerSec: jobs.length / ((accepted - started) / 1000),
      intakeP50Ms: pct(50),
      intakeP95Ms: pct(95),
      appliedOpsPerSec: jobs.length / ((applied - started) / 1000),
      postgresConnections: connections,
    };
  } finally {
    await system.stop();
  }
}

/** Runs the same load on each backend, one after the other (never at once: they would share the CPU). */
export async function compareBackends(options: CompareOptions = {}): Promise<BackendFigures[]> {
  const settings = { borrowers: options.borrowers ?? 100, paymentsEach: options.paymentsEach ?? 20, workers: options.workers ?? 2, clients: options.clients ?? 32 };
  const figures: BackendFigures[] = [];
  for (const backend of options.backends ?? ['redis', 'postgres']) figures.push(await runOn(backend, settings));
  return figures;
}

export function formatFigures(figures: BackendFigures[]): string {
  const header = '| queue backend | operations | intake ops/s | intake p50 / p95 ms | applied ops/s (end to end) | Postgres connections |';
  const rows = figures.map(
    (f) =>
      `| ${f.backend} | ${f.operations} | ${f.intakeOpsPerSec.toFixed(0)} | ${f.intakeP50Ms.toFixed(1)} / ${f.intakeP95Ms.toFixed(1)} | ${f.appliedOpsPerSec.toFixed(0)} | ${f.postgresConnections} |`,
  );
  return [header, '|---|---|---|---|---|---|', ...rows].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [borrowers, paymentsEach, workers] = process.argv.slice(2).map(Number);
  const figures = await compareBackends({ borrowers, paymentsEach, workers });
  console.log(formatFigures(figures));
}

// (b, g) The whole pipeline over HTTP, on each queue backend side by side: a server (intake and
// results) and worker processes, the mix of 12-installment loans, payments and waivers over
// many borrowers, sent by a closed loop of clients. Applied operations per second (first
// accepted → last applied), accept → applied p50/p99 from the database, intake latency as the
// clients saw it, CPU seconds per 1,000 operations per process kind (the pidstat view), the
// workers' peak RSS and the Postgres connections the system held. The one pipeline driver:
// `npm run bench` and `npm run bench:backends` (bench/backends.ts) both run `runPipelines`.
import { startSystem, type System } from '../test/helpers.js';
import { appliedFigures, backendPids, hotUpdates, waitUntilApplied, type AppliedFigures } from './applied.js';
import { closedLoop } from './closed-loop.js';
import { cpuMeter, peakRssMiB, round, summarize } from './stats.js';
import { mixRounds } from './workload.js';

/**
 * The queue backends, each the environment that selects it in the system's processes
 * (test/helpers.ts reads QUEUE_BACKEND): Redis, the production default, and Postgres (BullMQ's
 * PostgreSQL backend, docs/queue-backends.md).
 */
export const BACKENDS: Record<string, Record<string, string>> = {
  redis: {},
  postgres: { QUEUE_BACKEND: 'postgres' },
};

export interface PipelineOptions {
  borrowers: number;
  paymentsEach: number;
  workers: number;
  clients: number;
  partitions: number;
  env?: Record<string, string>;
}

export interface PipelineFigures extends AppliedFigures {
  borrowers: number;
  workers: number;
  clients: number;
  intake: { opsPerSecond: number; p50: number; p99: number };
  /** CPU seconds per 1,000 applied operations, i.e. CPU ms per applied operation, per process kind and in all. */
  cpuSecondsPer1000Ops: { server: number; workers: number; postgres: number; total: number };
  /** Row updates in the run's database, and the share Postgres made HOT (no index entry written). */
  hotUpdates: Awaited<ReturnType<typeof hotUpdates>>;
  workerPeakRssMiB: number;
  /** Connections the system's processes held on Postgres at the end of the load. */
  postgresConnections: number;
}

/**
 * The server as a deployment runs it: without the end-to-end tests' response checker
 * (`LSL_CHECK_RESPONSES`, which `startSystem` turns on), whose schema validation of every answer
 * was ~12 % of the server's busy time in (c) and is no part of what a request costs.
 */
export const AS_DEPLOYED: Record<string, string> = { LSL_CHECK_RESPONSES: '0' };

/**
 * The system as `npm start` runs it: a server that only serves, and `workers` worker processes,
 * worker i in slot i of `workers` (partition affinity, docs/performance.md), production pool
 * sizes rather than the tests' small ones.
 */
export async function startBenchSystem(options: Pick<PipelineOptions, 'workers' | 'partitions' | 'env'>): Promise<System> {
  const system = await startSystem({ serverWorkerConcurrency: 0, workers: 0, partitions: options.partitions, env: { DATABASE_POOL_SIZE: '10', QUEUE_POOL_SIZE: '5', ...AS_DEPLOYED, ...options.env } });
  try {
    await Promise.all(
      Array.from({ length: options.workers }, (_, i) => system.startWorker({ WORKER_PROCESSES: String(options.workers), WORKER_PROCESS_INDEX: String(i) })),
    );
  } catch (error) {
    await system.stop();
    throw error;
  }
  return system;
}

export async function runPipeline(options: PipelineOptions): Promise<PipelineFigures> {
  const system = await startBenchSystem(options);
  try {
    const borrowers = Array.from({ length: options.borrowers }, (_, i) => `BP${i}`);
    const rounds = mixRounds(borrowers, options.paymentsEach);
    // Backends are opened lazily by the pools: the ones alive at the end (which did the work)
    // are counted from zero, those alive at the start from their CPU then.
    let pgPids = await backendPids(system.databaseUrl);
    const server = cpuMeter(() => [system.server.pid!]);
    const workers = cpuMeter(() => system.workers.map((w) => w.pid!));
    const postgres = cpuMeter(() => pgPids);
    const load = await closedLoop(system.api, rounds, options.clients);
    await waitUntilApplied(system.databaseUrl, 600_000);
    const alive = await backendPids(system.databaseUrl);
    pgPids = [...new Set([...pgPids, ...alive])];
    const cpu = { server: server.stop(), workers: workers.stop(), postgres: postgres.stop() };
    const applied = await appliedFigures(system.databaseUrl);
    const per1000 = (s: number) => round((s / applied.operations) * 1000, 2);
    const intake = summarize(load.latenciesMs);
    return {
      ...applied,
      borrowers: options.borrowers,
      workers: options.workers,
      clients: options.clients,
      intake: { opsPerSecond: round(load.accepted / (load.durationMs / 1000), 0), p50: intake.p50, p99: intake.p99 },
      cpuSecondsPer1000Ops: { server: per1000(cpu.server), workers: per1000(cpu.workers), postgres: per1000(cpu.postgres), total: per1000(cpu.server + cpu.workers + cpu.postgres) },
      hotUpdates: await hotUpdates(system.databaseUrl),
      workerPeakRssMiB: Math.max(...system.workers.map((w) => peakRssMiB(w.pid))),
      // Less the test harness's own session that keeps the database alive.
      postgresConnections: alive.length - 1,
    };
  } finally {
    await system.stop();
  }
}

/** The same load on each backend, one after the other (never at once: they would share the CPU). */
export async function runPipelines(
  options: PipelineOptions,
  backends: string[],
  log: (message: string) => void = () => {},
): Promise<Record<string, PipelineFigures>> {
  const figures: Record<string, PipelineFigures> = {};
  for (const name of backends) {
    const env = BACKENDS[name];
    if (!env) throw new Error(`unknown queue backend ${name}; known: ${Object.keys(BACKENDS).join(', ')}`);
    log(`(b) pipeline on ${name}: ${options.borrowers * (options.paymentsEach + 2)} operations over ${options.borrowers} borrowers, ${options.workers} workers, ${options.clients} clients`);
    figures[name] = await runPipeline({ ...options, env: { ...env, ...options.env } });
  }
  return figures;
}

/** Table rows (figure, value, detail) of `runPipelines`, with the ratio to the floor of the same run. */
export function pipelineRows(pipelines: Record<string, PipelineFigures>, floorJobsPerSecond?: number): Array<[string, string, string]> {
  const rows: Array<[string, string, string]> = [];
  for (const [name, p] of Object.entries(pipelines)) {
    const ratio = floorJobsPerSecond ? ` (${(p.opsPerSecond / floorJobsPerSecond).toFixed(2)} × floor)` : '';
    rows.push([`(b,g) pipeline [${name}] applied`, `${p.opsPerSecond} ops/s${ratio}`, `${p.operations} ops, ${p.borrowers} borrowers`]);
    rows.push([`      accept → applied`, `p50 ${p.acceptToAppliedMs.p50} ms, p99 ${p.acceptToAppliedMs.p99} ms`, '']);
    rows.push([`      intake (closed loop, ${p.clients} clients)`, `${p.intake.opsPerSecond} req/s`, `p50 ${p.intake.p50} ms, p99 ${p.intake.p99} ms`]);
    const c = p.cpuSecondsPer1000Ops;
    rows.push([`      CPU ms per applied op`, `${c.total} (server ${c.server}, workers ${c.workers}, postgres ${c.postgres})`, floorJobsPerSecond ? `2 cores carry at most ${Math.round(2000 / c.total)} ops/s at this cost` : '']);
    const hotOf = (t: string) => (p.hotUpdates.tables[t] ? `${t} ${p.hotUpdates.tables[t]!.hot}/${p.hotUpdates.tables[t]!.updates}` : `${t} 0/0`);
    rows.push([`      HOT updates`, `${Math.round(p.hotUpdates.share * 100)} % of ${p.hotUpdates.updates}`, ['operations', 'borrower_ledgers', 'borrowers', 'events'].map(hotOf).join(', ')]);
    rows.push([`(f)   worker peak RSS`, `${p.workerPeakRssMiB} MiB`, `${p.postgresConnections} Postgres connections`]);
  }
  return rows;
}

export function printRows(rows: Array<[string, string, string]>): void {
  const w = [0, 1, 2].map((c) => Math.max(...rows.map((row) => row[c]!.length)));
  for (const row of rows) console.log(row.map((c, i) => c.padEnd(w[i]!)).join('  '));
}

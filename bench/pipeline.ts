// (b) The whole pipeline over HTTP: a server (intake and results) and worker processes, the
// mix of 12-installment loans, payments and waivers over many borrowers, sent by a closed
// loop of clients. Applied operations per second (first accepted → last applied), accept →
// applied p50/p99 from the database, intake latency as the clients saw it, CPU seconds per
// 1,000 operations per process kind (the pidstat view) and the workers' peak RSS.
import { startSystem } from '../test/helpers.js';
import { appliedFigures, backendPids, waitUntilApplied, type AppliedFigures } from './applied.js';
import { closedLoop } from './closed-loop.js';
import { cpuMeter, peakRssMiB, round, summarize } from './stats.js';
import { mixRounds } from './workload.js';

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
  cpuSecondsPer1000Ops: { server: number; workers: number; postgres: number };
  workerPeakRssMiB: number;
}

export async function runPipeline(options: PipelineOptions): Promise<PipelineFigures> {
  const system = await startSystem({ serverWorkerConcurrency: 0, workers: options.workers, partitions: options.partitions, env: options.env });
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
    pgPids = [...new Set([...pgPids, ...(await backendPids(system.databaseUrl))])];
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
      cpuSecondsPer1000Ops: { server: per1000(cpu.server), workers: per1000(cpu.workers), postgres: per1000(cpu.postgres) },
      workerPeakRssMiB: Math.max(...system.workers.map((w) => peakRssMiB(w.pid))),
    };
  } finally {
    await system.stop();
  }
}

// (e) A migration: many borrowers, each with a 12-installment loan and 12 back-dated monthly
// payments, all `is_migration=true`, sent as fast as a closed loop of clients can, applied by
// the worker processes (started as in (b)). Operations per second from the first acceptance to the last applied.
import { appliedFigures, waitUntilApplied } from './applied.js';
import { closedLoop } from './closed-loop.js';
import { startBenchSystem } from './pipeline.js';
import { round } from './stats.js';
import { loanRequest, paymentRequest, type Request } from './workload.js';

export interface MigrationOptions {
  borrowers: number;
  workers: number;
  clients: number;
  partitions: number;
  env?: Record<string, string>;
}

export async function runMigration(options: MigrationOptions) {
  const system = await startBenchSystem(options);
  try {
    const borrowers = Array.from({ length: options.borrowers }, (_, i) => `BM${i}`);
    const rounds: Request[][] = [borrowers.map(loanRequest)];
    for (let k = 1; k <= 12; k++) rounds.push(borrowers.map((b) => paymentRequest(b, k)));
    const load = await closedLoop(system.api, rounds, options.clients);
    await waitUntilApplied(system.databaseUrl, 3_600_000);
    const applied = await appliedFigures(system.databaseUrl);
    return {
      borrowers: options.borrowers,
      operations: applied.operations,
      acceptedPerSecond: round(load.accepted / (load.durationMs / 1000), 0),
      opsPerSecond: applied.opsPerSecond,
      spanMs: applied.spanMs,
      statuses: applied.statuses,
    };
  } finally {
    await system.stop();
  }
}

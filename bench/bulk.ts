// (h) A migration through the bulk route (`POST /v1/operations/batch`, docs/api.md "The bulk
// route"): borrowers each with a 12-installment loan and 12 back-dated payments, every
// borrower's 13 operations in one batch in chronological order, batches of at most 1,000
// items, a few batches in flight at once, applied by the worker processes (started as in (b)).
// Accepted operations per second (the route's rate: first request sent → last 202) and applied
// operations per second (first accepted → last applied), with the CPU per operation of each
// process kind.
import { postRetryingDroppedConnection } from './closed-loop.js';
import { appliedFigures, backendPids, waitUntilApplied } from './applied.js';
import { startBenchSystem } from './pipeline.js';
import { cpuMeter, round } from './stats.js';
import { loanRequest, paymentRequest } from './workload.js';

export interface BulkOptions {
  borrowers: number;
  workers: number;
  partitions: number;
  /** Batches in flight at once (default 4). */
  concurrency?: number;
  env?: Record<string, string>;
}

const OPERATIONS_EACH = 13;

export async function runBulk(options: BulkOptions) {
  const system = await startBenchSystem(options);
  try {
    const perBatch = Math.floor(1000 / OPERATIONS_EACH);
    const batches: unknown[][] = [];
    for (let first = 0; first < options.borrowers; first += perBatch) {
      const items: unknown[] = [];
      for (let i = first; i < Math.min(options.borrowers, first + perBatch); i++) {
        const borrower = `BK${i}`;
        for (const r of [loanRequest(borrower), ...Array.from({ length: 12 }, (_, k) => paymentRequest(borrower, k + 1))]) {
          items.push({ method: 'POST', path: r.path.replace('?is_migration=true', ''), body: r.body });
        }
      }
      batches.push(items);
    }
    let pgPids = await backendPids(system.databaseUrl);
    const server = cpuMeter(() => [system.server.pid!]);
    const workers = cpuMeter(() => system.workers.map((w) => w.pid!));
    const postgres = cpuMeter(() => pgPids);
    const started = performance.now();
    let accepted = 0;
    let next = 0;
    await Promise.all(
      Array.from({ length: options.concurrency ?? 4 }, async () => {
        while (next < batches.length) {
          const items = batches[next++]!;
          const res = await postRetryingDroppedConnection(system.api, '/v1/operations/batch?is_migration=true', items);
          if (res.status !== 202) throw new Error(`bulk batch answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
          accepted += (res.body.items as Array<{ status: string }>).filter((i) => i.status !== 'failed').length;
        }
      }),
    );
    const intakeSeconds = (performance.now() - started) / 1000;
    const serverIntakeCpu = server.stop();
    await waitUntilApplied(system.databaseUrl, 3_600_000);
    pgPids = [...new Set([...pgPids, ...(await backendPids(system.databaseUrl))])];
    const cpu = { workers: workers.stop(), postgres: postgres.stop() };
    const applied = await appliedFigures(system.databaseUrl);
    const perOp = (s: number) => round((s / applied.operations) * 1000, 2);
    return {
      borrowers: options.borrowers,
      batches: batches.length,
      operations: applied.operations,
      accepted,
      acceptedPerSecond: round(accepted / intakeSeconds, 0),
      opsPerSecond: applied.opsPerSecond,
      spanMs: applied.spanMs,
      statuses: applied.statuses,
      cpuMsPerOperation: { server: perOp(serverIntakeCpu), workers: perOp(cpu.workers), postgres: perOp(cpu.postgres) },
    };
  } finally {
    await system.stop();
  }
}

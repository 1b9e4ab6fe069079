// (d) Apply cost at 10 vs 1,000 prior operations per borrower: the ledger's own benchmark
// (packages/ledger/bench/apply.bench.ts), run as a child process, its figures parsed.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface HistoryFigures {
  prior10OpsPerSecond: number;
  prior1000OpsPerSecond: number;
  ratio: number;
}

export function runHistory(): HistoryFigures {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'packages/ledger/bench/apply.bench.ts'], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`ledger bench failed: ${run.stderr}`);
  const figure = (label: RegExp) => {
    const m = label.exec(run.stdout);
    if (!m) throw new Error(`ledger bench printed no ${label}: ${run.stdout}`);
    return Number(m[1]);
  };
  const prior10 = figure(/apply, 10 prior operations:\s+(\d+)/);
  const prior1000 = figure(/apply, 1,000 prior operations:\s+(\d+)/);
  return { prior10OpsPerSecond: prior10, prior1000OpsPerSecond: prior1000, ratio: Number((prior1000 / prior10).toFixed(2)) };
}

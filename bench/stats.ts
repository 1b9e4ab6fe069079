// Small measuring tools for the benchmark: percentiles, and a process's CPU time and peak
// memory read from /proc (what pidstat reports, without needing pidstat installed).
import { readFileSync } from 'node:fs';

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function summarize(values: number[]): { n: number; p50: number; p99: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { n: sorted.length, p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)), max: round(sorted[sorted.length - 1] ?? NaN) };
}

export const round = (n: number, digits = 1): number => Number(n.toFixed(digits));
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** User + system CPU seconds a process has used so far (0 when it is gone or not on Linux). */
export function cpuSeconds(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** Peak resident set size of a process in MiB (VmHWM), or NaN. */
export function peakRssMiB(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? round(Number(m[1]) / 1024) : NaN;
  } catch {
    return NaN;
  }
}

/** CPU seconds used by a set of processes between `start()` and `stop()`. */
export function cpuMeter(pids: () => number[]): { stop(): number } {
  const before = new Map(pids().map((pid) => [pid, cpuSeconds(pid)]));
  return {
    stop() {
      let total = 0;
      for (const pid of pids()) total += cpuSeconds(pid) - (before.get(pid) ?? 0);
      return round(total, 2);
    },
  };
}

// What the database says about applied operations: when everything is applied, and the
// accept → applied latency of each operation (completed_at − accepted_at).
import pg from 'pg';
import { sleep, summarize } from './stats.js';

export interface AppliedFigures {
  operations: number;
  /** First accepted → last applied. */
  spanMs: number;
  opsPerSecond: number;
  acceptToAppliedMs: { p50: number; p99: number; max: number };
  statuses: Record<string, number>;
}

export async function waitUntilApplied(databaseUrl: string, timeoutMs: number): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await client.query<{ n: number }>("select count(*)::int as n from operations where status in ('queued', 'processing')");
      if (rows[0]!.n === 0) return;
      if (Date.now() > deadline) throw new Error(`${rows[0]!.n} operations still pending after ${timeoutMs} ms`);
      await sleep(50);
    }
  } finally {
    await client.end();
  }
}

export async function appliedFigures(databaseUrl: string): Promise<AppliedFigures> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ ms: number }>(
      "select extract(epoch from (completed_at - accepted_at)) * 1000 as ms from operations where completed_at is not null",
    );
    const span = await client.query<{ ms: number }>('select extract(epoch from (max(completed_at) - min(accepted_at))) * 1000 as ms from operations');
    const statuses = await client.query<{ status: string; n: number }>('select status, count(*)::int as n from operations group by status');
    const latencies = summarize(rows.map((r) => Number(r.ms)));
    const spanMs = Number(span.rows[0]!.ms);
    return {
      operations: rows.length,
      spanMs: Math.round(spanMs),
      opsPerSecond: Math.round(rows.length / (spanMs / 1000)),
      acceptToAppliedMs: { p50: latencies.p50, p99: latencies.p99, max: latencies.max },
      statuses: Object.fromEntries(statuses.rows.map((r) => [r.status, r.n])),
    };
  } finally {
    await client.end();
  }
}

/** The pids of this database's Postgres backends (local server): their CPU counts as the database's. */
export async function backendPids(databaseUrl: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
    return rows.map((r) => r.pid);
  } finally {
    await client.end();
  }
}

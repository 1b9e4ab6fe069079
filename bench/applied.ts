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
  /** Apply transactions (distinct `completed_at`: one per commit), and operations and borrowers per transaction. */
  transactions: { count: number; opsEach: number; borrowersEach: number };
}

export async function waitUntilApplied(databaseUrl: string, timeoutMs: number): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      // Borrowers with operations accepted and not applied: cheap whatever the schema's pending index.
      const { rows } = await client.query<{ n: number }>(
        'select coalesce(sum(b.last_seq - coalesce(l.applied_seq, 0)), 0)::int as n from borrowers b left join borrower_ledgers l on l.borrower_id = b.id where b.last_seq > coalesce(l.applied_seq, 0)',
      );
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
    const tx = await client.query<{ n: number; borrowers: number }>(
      'select count(distinct completed_at)::int as n, count(distinct (completed_at, borrower_id))::int as borrowers from operations where completed_at is not null',
    );
    const txCount = tx.rows[0]!.n;
    const latencies = summarize(rows.map((r) => Number(r.ms)));
    const spanMs = Number(span.rows[0]!.ms);
    return {
      operations: rows.length,
      spanMs: Math.round(spanMs),
      opsPerSecond: Math.round(rows.length / (spanMs / 1000)),
      acceptToAppliedMs: { p50: latencies.p50, p99: latencies.p99, max: latencies.max },
      statuses: Object.fromEntries(statuses.rows.map((r) => [r.status, r.n])),
      transactions: {
        count: txCount,
        opsEach: txCount ? Math.round((rows.length / txCount) * 10) / 10 : 0,
        borrowersEach: txCount ? Math.round((tx.rows[0]!.borrowers / txCount) * 10) / 10 : 0,
      },
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

/**
 * Row updates of the run's database and the share of them Postgres made HOT (heap-only: no
 * index entry written), per table with updates, from `pg_stat_user_tables`. Backends report
 * their counters when idle (at most once a second), so this waits for that first.
 */
export async function hotUpdates(databaseUrl: string): Promise<{ updates: number; hot: number; share: number; tables: Record<string, { updates: number; hot: number }> }> {
  await sleep(1500);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ relname: string; n: string; hot: string }>(
      'select relname, n_tup_upd::text as n, n_tup_hot_upd::text as hot from pg_stat_user_tables where n_tup_upd > 0 order by relname',
    );
    const tables = Object.fromEntries(rows.map((r) => [r.relname, { updates: Number(r.n), hot: Number(r.hot) }]));
    const updates = rows.reduce((s, r) => s + Number(r.n), 0);
    const hot = rows.reduce((s, r) => s + Number(r.hot), 0);
    return { updates, hot, share: updates === 0 ? 0 : Math.round((100 * hot) / updates) / 100, tables };
  } finally {
    await client.end();
  }
}

// Tools for the fault-injection tests (test/fault-*.test.ts) and the soak script: a load
// generator that behaves like a lender's client (retries on 5xx and network errors, with the
// same body, relying on idempotency), faults (signals, a private Redis, pg_terminate_backend),
// and the verdict read from Postgres: every operation applied exactly once, in acceptance order.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import pg from 'pg';
import { createDb, loadBorrowerLedger } from '@lsl/db';
import { restoreState } from '@lsl/ledger';
import { createLoanBody, paymentBody, workerStartLogs, type Api, type System } from './helpers.js';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns a value (not undefined/false); throws with `describe()` on timeout. */
export async function waitFor<T>(check: () => Promise<T | undefined | false>, timeoutMs: number, describe: () => string | Promise<string>, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${await describe()}`);
    await sleep(intervalMs);
  }
}

// ---------------------------------------------------------------------------------------------
// Load

export interface LoadPlan {
  borrowers: string[];
  /** Per borrower: one create loan, then opsPerBorrower - 1 payments. */
  opsPerBorrower: number;
}

export function planLoad(tag: string, borrowers: number, opsPerBorrower: number): LoadPlan {
  return { borrowers: Array.from({ length: borrowers }, (_, i) => `B-${tag}-${i}`), opsPerBorrower };
}

export function totalOps(plan: LoadPlan): number {
  return plan.borrowers.length * plan.opsPerBorrower;
}

/**
 * The k-th operation of a borrower (k from 0): a create loan, then payments P1, P2, ... Every
 * one is a migration (fixed `occurred_on`, so the ledger's result does not depend on the day the
 * test runs) with its own natural key, and every one creates an entity, so its kordev_id must
 * equal its seq when the borrower's operations were applied once each, in acceptance order.
 */
export function operationOf(borrowerId: string, k: number): { path: string; body: unknown; key: string } {
  if (k === 0) return { path: `/v1/borrowers/${borrowerId}/loans/L1/create?is_migration=true`, body: createLoanBody({ request_id: `${borrowerId}-L1` }), key: 'create_loan/L1' };
  return {
    path: `/v1/borrowers/${borrowerId}/payments/P${k}/create?is_migration=true`,
    body: paymentBody(1000 + k, '2024-02-01', `${borrowerId}-P${k}`),
    key: `create_payment/P${k}`,
  };
}

export interface LoadResult {
  /** operation id per `${borrower}/${k}`. */
  accepted: Map<string, string>;
  /** Submissions answered as replays (Idempotent-Replayed), i.e. retries of an accepted one. */
  replays: number;
  /** Attempts that failed (5xx, network) and were retried. */
  retries: number;
  durationMs: number;
}

export interface LoadOptions {
  /** Requests in flight at once (each borrower has at most one: its order is the client's). */
  concurrency?: number;
  /** Called after each accepted operation with the number accepted so far. */
  onAccepted?: (count: number) => void;
  /** Most attempts per operation before the load gives up (a client's patience). */
  maxAttempts?: number;
  /** Send an `Idempotency-Key` with each operation (and retry a 409 "still being processed"). */
  idempotencyKeys?: boolean;
  /** At most this many new operations per second (so a load lasts long enough for its faults). */
  ratePerSecond?: number;
}

/**
 * Submits the plan like a careful lender: each borrower's operations one after another (so
 * acceptance order is the plan's), borrowers interleaved; any 5xx or network error is retried
 * with the same request, which idempotency turns into "the same operation".
 */
export async function runLoad(api: Api, plan: LoadPlan, options: LoadOptions = {}): Promise<LoadResult> {
  const started = Date.now();
  const accepted = new Map<string, string>();
  let replays = 0;
  let retries = 0;
  const next = new Map(plan.borrowers.map((b) => [b, 0]));
  const ready = [...plan.borrowers];
  const maxAttempts = options.maxAttempts ?? 150;

  const submit = async (borrowerId: string, k: number) => {
    const { path, body } = operationOf(borrowerId, k);
    for (let attempt = 1; ; attempt++) {
      let failure: string;
      try {
        const res = await api.post(path, body, options.idempotencyKeys ? { 'idempotency-key': `${borrowerId}-${k}` } : {});
        if (res.status === 202 || res.status === 200) {
          if (res.headers.get('idempotent-replayed') === 'true') replays++;
          return res.body.operation_id as string;
        }
        failure = `${res.status} ${JSON.stringify(res.body)}`;
        const inFlight = res.status === 409 && options.idempotencyKeys && res.body?.context?.idempotency_key;
        if (res.status < 500 && !inFlight) throw new Error(`${path}: unexpected ${failure}`);
      } catch (error) {
        if (String(error).includes('unexpected')) throw error;
        failure = String(error);
      }
      retries++;
      if (attempt >= maxAttempts) throw new Error(`${path}: gave up after ${attempt} attempts: ${failure}`);
      await sleep(Math.min(1000, 50 * attempt));
    }
  };

  let slots = 0;
  const paced = async () => {
    if (!options.ratePerSecond) return;
    const at = started + (slots++ * 1000) / options.ratePerSecond;
    if (at > Date.now()) await sleep(at - Date.now());
  };
  const runner = async () => {
    for (;;) {
      const borrowerId = ready.shift();
      if (borrowerId === undefined) return;
      const k = next.get(borrowerId)!;
      await paced();
      const id = await submit(borrowerId, k);
      accepted.set(`${borrowerId}/${k}`, id);
      options.onAccepted?.(accepted.size);
      if (k + 1 < plan.opsPerBorrower) {
        next.set(borrowerId, k + 1);
        ready.push(borrowerId);
      }
    }
  };
  // Runners stop when the ready list is empty for a moment; restart them until all is accepted.
  const total = totalOps(plan);
  const concurrency = options.concurrency ?? 16;
  while (accepted.size < total) {
    await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, ready.length)) }, runner));
  }
  return { accepted, replays, retries, durationMs: Date.now() - started };
}

// ---------------------------------------------------------------------------------------------
// Verdict

export interface Verdict {
  operations: number;
  /** Accepted operations not applied (missing, or not succeeded). */
  lost: number;
  /** Operations applied more than once (extra payments, extra log records, shifted kordev_ids). */
  doubled: number;
  /** Operations applied out of acceptance order. */
  outOfOrder: number;
  problems: string[];
}

/**
 * Reads the verdict from Postgres alone: for each borrower, seq 1..n with no gap; each operation
 * succeeded with kordev_id = seq (kordev_ids are handed out in application order, so a double
 * or a reordering shifts them); applied_seq = n; and the ledger state itself holds n log
 * records and exactly the n-1 payments, once each. (completed_at is no witness of order: it is
 * the transaction's start time, and a transaction that started earlier may get the borrower's
 * lock later, after another one has applied the previous operation.)
 */
export async function verifyLedger(databaseUrl: string, plan: LoadPlan, accepted?: Map<string, string>): Promise<Verdict> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const db = createDb({ connectionString: databaseUrl, max: 2, applicationName: 'lsl-fault-test' });
  const problems: string[] = [];
  let lost = 0;
  let doubled = 0;
  let outOfOrder = 0;
  const note = (p: string) => void (problems.length < 30 && problems.push(p));
  try {
    const ops = await client.query<{ id: string; borrower_id: string; seq: number; natural_key: string; status: string; result_status_code: number | null; kordev_id: number | null; completed_at: Date | null }>(
      "select id, borrower_id, seq::int as seq, type || '/' || coalesce(params->>'payment_id', params->>'loan_id') as natural_key, status, result_status_code, (result_body->>'kordev_id')::int as kordev_id, completed_at from operations order by borrower_id, seq",
    );
    const ledgers = await client.query<{ borrower_id: string; applied_seq: number; last_seq: number }>(
      'select b.id as borrower_id, coalesce(l.applied_seq, 0)::int as applied_seq, b.last_seq::int as last_seq from borrowers b left join borrower_ledgers l on l.borrower_id = b.id',
    );
    const byBorrower = new Map<string, typeof ops.rows>();
    for (const row of ops.rows) byBorrower.set(row.borrower_id, [...(byBorrower.get(row.borrower_id) ?? []), row]);
    const ledgerOf = new Map(ledgers.rows.map((l) => [l.borrower_id, l]));

    if (accepted) {
      const ids = new Set(ops.rows.map((r) => r.id));
      for (const [key, id] of accepted) if (!ids.has(id)) { lost++; note(`accepted ${key} (${id}) is not in operations`); }
    }
    for (const borrowerId of plan.borrowers) {
      const rows = byBorrower.get(borrowerId) ?? [];
      const n = plan.opsPerBorrower;
      const keys = new Set(rows.map((r) => r.natural_key));
      for (let k = 0; k < n; k++) {
        const key = operationOf(borrowerId, k).key;
        if (!keys.has(key)) { lost++; note(`${borrowerId}: no operation ${key}`); }
      }
      if (rows.length > n) { doubled += rows.length - n; note(`${borrowerId}: ${rows.length} operations recorded for ${n} distinct ones`); }
      rows.forEach((row, i) => {
        if (row.seq !== i + 1) note(`${borrowerId}: seq ${row.seq} at position ${i + 1} (gap)`);
        if (row.status !== 'succeeded') {
          lost++;
          note(`${borrowerId} seq ${row.seq} (${row.natural_key}): ${row.status} ${row.result_status_code ?? ''}`);
          return;
        }
        if (row.kordev_id !== row.seq) {
          if ((row.kordev_id ?? 0) > row.seq) doubled++;
          else outOfOrder++;
          note(`${borrowerId} seq ${row.seq}: kordev_id ${row.kordev_id}`);
        }
      });
      const ledger = ledgerOf.get(borrowerId);
      if (!ledger) { note(`${borrowerId}: no borrower row`); continue; }
      if (ledger.last_seq !== n) note(`${borrowerId}: last_seq ${ledger.last_seq}, expected ${n}`);
      if (ledger.applied_seq !== n) note(`${borrowerId}: applied_seq ${ledger.applied_seq}, expected ${n}`);
      const stored = await loadBorrowerLedger(db, borrowerId);
      if (!stored) continue;
      const state = restoreState(stored.head, stored.lists);
      const log = toArray(state.log as any) as Array<{ seq: number; kordevId: number }>;
      if (log.length !== n) { if (log.length > n) doubled += log.length - n; note(`${borrowerId}: ${log.length} log records, expected ${n}`); }
      const seqs = new Set(log.map((r) => r.seq));
      if (seqs.size !== log.length) { doubled += log.length - seqs.size; note(`${borrowerId}: a seq appears twice in the ledger log`); }
      const payments = (toArray(state.live.payments as any) as Array<{ kind: string; paymentId: string | null }>).filter((p) => p.kind === 'payment');
      const paymentIds = new Set(payments.map((p) => p.paymentId));
      if (payments.length !== n - 1 || paymentIds.size !== n - 1) {
        if (payments.length > n - 1) doubled += payments.length - (n - 1);
        note(`${borrowerId}: ${payments.length} payments in the ledger (${paymentIds.size} distinct), expected ${n - 1}`);
      }
    }
    const planned = new Set(plan.borrowers);
    return { operations: ops.rows.filter((r) => planned.has(r.borrower_id)).length, lost, doubled, outOfOrder, problems };
  } finally {
    await client.end();
    await db.destroy();
  }
}

function toArray<T>(list: { head: T; tail: any } | null): T[] {
  const out: T[] = [];
  for (let node = list; node; node = node.tail) out.push(node.head);
  return out.reverse();
}

/** Waits until no operation is pending (queued) and `total` exist. */
export async function waitForAllApplied(databaseUrl: string, total: number, timeoutMs: number): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    let last = '';
    await waitFor(
      async () => {
        const { rows } = await client.query("select count(*)::int as n, count(*) filter (where status = 'queued')::int as pending from operations");
        last = `${rows[0].n} operations, ${rows[0].pending} pending (expected ${total})`;
        return rows[0].n >= total && rows[0].pending === 0;
      },
      timeoutMs,
      () => last,
      200,
    );
  } finally {
    await client.end();
  }
}

export async function countApplied(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query("select count(*)::int as n from operations where status in ('succeeded', 'failed')");
    return rows[0].n;
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------
// Processes

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Sends `signal` and waits for the exit (SIGKILL after `timeoutMs`, reported as such). */
export async function signalAndWait(child: ChildProcess, signal: NodeJS.Signals, timeoutMs = 30_000): Promise<Exit & { ms: number }> {
  const started = Date.now();
  if (child.exitCode !== null || child.signalCode !== null) return { code: child.exitCode, signal: child.signalCode, ms: 0 };
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const [code, sig] = await exited;
  clearTimeout(timer);
  return { code, signal: sig, ms: Date.now() - started };
}

/** Keeps the last lines a child wrote (stdout and stderr), for failure messages. */
export function captureOutput(child: ChildProcess, lines = 40): () => string {
  const kept: string[] = [];
  const keep = (d: Buffer) => {
    for (const line of d.toString().split('\n')) if (line.trim()) kept.push(line);
    if (kept.length > lines) kept.splice(0, kept.length - lines);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => kept.join('\n');
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  server.close();
  await once(server, 'close');
  return port;
}

/** A Redis of the test's own (no persistence), which the test may stop and start at will. */
export interface PrivateRedis {
  url: string;
  port: number;
  start(): Promise<void>;
  /** SIGKILL: everything in it is gone, like a crash of a Redis without persistence. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export async function privateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const url = `redis://127.0.0.1:${port}`;
  const self: PrivateRedis = {
    url,
    port,
    async start() {
      child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], { stdio: 'ignore' });
      const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      probe.on('error', () => {});
      try {
        await waitFor(async () => probe.connect().then(() => probe.ping()).then(() => true, () => (probe.disconnect(), false)), 10_000, () => `redis-server on ${port} did not start`, 50);
      } finally {
        probe.disconnect();
      }
    },
    async kill() {
      if (child) await signalAndWait(child, 'SIGKILL');
      child = undefined;
    },
    async stop() {
      if (child) await signalAndWait(child, 'SIGTERM', 5000);
      child = undefined;
    },
  };
  await self.start();
  return self;
}

/** Terminates the sessions of the system's processes on its database (queue connections too, on Postgres); returns how many. */
export async function terminateBackends(databaseUrl: string, applicationNames = ['lsl-worker', 'lsl-server', 'lsl-worker-queue', 'lsl-server-queue']): Promise<number> {
  const dbName = new URL(databaseUrl).pathname.slice(1);
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rows } = await client.query(
      'select count(*) filter (where pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = $1 and application_name = any($2) and pid <> pg_backend_pid()',
      [dbName, applicationNames],
    );
    return rows[0].n;
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------
// Recovery time after a SIGKILL

export interface InFlight {
  jobId: string;
  borrowerId: string;
  operationId: string;
}

/**
 * The jobs a worker process holds right now: active jobs whose BullMQ lock token starts with
 * one of that process's BullMQ worker ids (it logs them when it starts), read through the
 * queue backend (`QueueBackend.activeJobs`), so the same on Redis and on Postgres.
 */
export async function jobsHeldBy(system: System, workerIds: string[]): Promise<InFlight[]> {
  const { backend, queues } = await system.queueView();
  const held: InFlight[] = [];
  for (const queue of queues.queues) {
    for (const job of await backend.activeJobs(queue)) {
      if (!job.lockToken || !workerIds.some((id) => job.lockToken!.startsWith(`${id}:`))) continue;
      const { borrowerId, operationId } = job.data as { borrowerId: string; operationId: string };
      held.push({ jobId: job.id, borrowerId, operationId });
    }
  }
  return held;
}

/** The worker processes of a system still running. */
export function liveWorkers(system: System): ChildProcess[] {
  return system.workers.filter((w) => w.exitCode === null && w.signalCode === null);
}

/** The jobs a worker process of `system` holds right now (see jobsHeldBy). */
export function jobsOfWorker(system: System, worker: ChildProcess): Promise<InFlight[]> {
  return jobsHeldBy(system, workerStartLogs.get(worker)?.workerIds ?? []);
}

/**
 * A worker caught in the middle of an operation, deterministically: with `blocker` holding the
 * borrower's ledger row lock (in a transaction it opens here), operation `k` is submitted, and
 * the worker that takes its job blocks inside its own transaction. Returns that worker and the
 * operation; the caller ends the blocker's transaction.
 */
export async function workerStuckOn(
  system: System,
  blocker: pg.Client,
  borrowerId: string,
  k: number,
): Promise<{ operationId: string; victim: ChildProcess }> {
  await blocker.query('begin');
  await blocker.query('select 1 from borrower_ledgers where borrower_id = $1 for update', [borrowerId]);
  const { path, body } = operationOf(borrowerId, k);
  const accepted = await system.api.post(path, body);
  if (accepted.status !== 202) throw new Error(`operation ${k} of ${borrowerId}: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  const operationId = accepted.body.operation_id as string;
  const victim = await waitFor(
    async () => {
      for (const w of liveWorkers(system)) if ((await jobsOfWorker(system, w)).some((j) => j.operationId === operationId)) return w;
      return undefined;
    },
    30_000,
    () => 'no worker took the job',
  );
  return { operationId, victim };
}

/**
 * For jobs held by a killed worker: how long after the kill each borrower's work resumed, i.e.
 * when the operation the job stood for was seen applied (whoever applied it), polled every
 * 100 ms by the clock of this process (completed_at is a transaction's start time, which may
 * precede the kill). Operations already applied when this starts are no stall and are left out.
 */
export async function recoveryAfterKill(databaseUrl: string, held: InFlight[], killedAt: number, timeoutMs: number): Promise<number[]> {
  if (held.length === 0) return [];
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const pendingIds = async (ids: string[]) =>
      (await client.query<{ id: string }>("select id from operations where id = any($1) and status = 'queued'", [ids])).rows.map((r) => r.id);
    let waiting = await pendingIds(held.map((h) => h.operationId));
    const times: number[] = [];
    await waitFor(
      async () => {
        const still = new Set(await pendingIds(waiting));
        for (const id of waiting) if (!still.has(id)) times.push(Date.now() - killedAt);
        waiting = [...still];
        return waiting.length === 0;
      },
      timeoutMs,
      () => `operations held by the killed worker still pending: ${waiting.join(', ')}`,
      100,
    );
    return times;
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------
// SIGKILL chaos

export interface KillLoopOptions {
  system: System;
  /** Time between kills (a kill also waits until `workers` are live again). */
  everyMs: number;
  workers: number;
  /** Kills continue while this returns false, then for `roundsAfter` more. */
  done: () => boolean;
  roundsAfter: number;
  /** Workers being started, for the caller to await before stopping the system. */
  starting: Array<Promise<ChildProcess>>;
  onKill?: (info: { pid: number | undefined; held: InFlight[]; at: number }) => void;
}

export interface KillLoopResult {
  kills: number;
  /** Per operation held by a killed worker and still pending at the kill: ms until applied. */
  recoveries: number[];
}

/**
 * Kills a worker with SIGKILL every `everyMs` (preferring one caught holding jobs, so the kill
 * lands mid-operation) and starts a replacement, until `done()` and `roundsAfter` more.
 */
export async function sigkillLoop(options: KillLoopOptions): Promise<KillLoopResult> {
  const { system } = options;
  const live = () => system.workers.filter((w) => w.exitCode === null && w.signalCode === null);
  const held = (w: ChildProcess) => jobsOfWorker(system, w);
  const recoveries: Array<Promise<number[]>> = [];
  let kills = 0;
  let after = 0;
  while (after < options.roundsAfter) {
    await sleep(options.everyMs);
    await waitFor(async () => live().length >= options.workers, 120_000, () => `${live().length} workers live`);
    if (options.done()) after++;
    let victim: ChildProcess | undefined;
    let jobs: InFlight[] = [];
    const deadline = Date.now() + 1500;
    while (!victim && Date.now() < deadline) {
      for (const w of live()) {
        jobs = await held(w);
        if (jobs.length > 0) {
          victim = w;
          break;
        }
      }
    }
    if (!victim) {
      victim = live()[kills % live().length]!;
      jobs = await held(victim);
    }
    const at = Date.now();
    const exit = await signalAndWait(victim, 'SIGKILL');
    if (exit.signal !== 'SIGKILL') throw new Error(`worker ${victim.pid} ended with ${exit.code}/${exit.signal}, not by the SIGKILL`);
    kills++;
    options.onKill?.({ pid: victim.pid, held: jobs, at });
    recoveries.push(recoveryAfterKill(system.databaseUrl, jobs, at, 300_000));
    // The replacement starts in the background (seconds, on a busy machine).
    options.starting.push(system.startWorker());
  }
  return { kills, recoveries: (await Promise.all(recoveries)).flat() };
}

// ---------------------------------------------------------------------------------------------
// A Postgres of the test's own

export interface PrivatePostgres {
  url: string;
  /** Starts the server (again) on the same port and data. */
  start(): Promise<void>;
  /** `pg_ctl stop -m immediate`: every connection cut, no clean shutdown, as in a crash. */
  crash(): Promise<void>;
  /** Stops it and removes its data. */
  destroy(): Promise<void>;
}

/** Where the Postgres server binaries are (initdb, pg_ctl). */
export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

async function run(command: string, args: string[]): Promise<void> {
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += d));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}: ${stderr}`);
}

/**
 * A throwaway Postgres cluster (initdb in a temporary directory, run as the `postgres` user
 * when this process is root), which a test may crash and restart without touching the shared
 * one.
 */
export async function privatePostgres(): Promise<PrivatePostgres> {
  const { mkdtemp, rm, chown } = await import('node:fs/promises');
  const { userInfo } = await import('node:os');
  const { execFileSync } = await import('node:child_process');
  const dir = await mkdtemp('/tmp/lsl-fault-pg-');
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    await chown(dir, uid, gid);
  }
  const pgRun = (tool: string, args: string[]) => (asRoot ? run('runuser', ['-u', 'postgres', '--', `${PG_BIN}/${tool}`, ...args]) : run(`${PG_BIN}/${tool}`, args));
  const port = await freePort();
  await pgRun('initdb', ['-D', `${dir}/data`, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const self: PrivatePostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start: () => pgRun('pg_ctl', ['-D', `${dir}/data`, '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`, '-w', '-l', `${dir}/log`, 'start']),
    crash: () => pgRun('pg_ctl', ['-D', `${dir}/data`, '-m', 'immediate', '-w', 'stop']),
    async destroy() {
      await pgRun('pg_ctl', ['-D', `${dir}/data`, '-m', 'immediate', '-w', 'stop']).catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
  await self.start();
  return self;
}

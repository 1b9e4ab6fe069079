import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '@lsl/db/testing';
import { createQueueBackend, OperationQueues, type QueueBackend } from '@lsl/queue';
import { childEnv } from './child-env.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

/**
 * The queue backend the systems of this test run use: `redis` (the shared Redis at REDIS_URL,
 * the default) or `postgres` (REDIS_URL unset in the processes: the queues live in each test
 * database's queue schema). `npm test` runs the files that apply to both a second time with
 * QUEUE_BACKEND=postgres (scripts/test.mjs).
 */
export const QUEUE_BACKEND: 'redis' | 'postgres' = process.env.QUEUE_BACKEND === 'postgres' ? 'postgres' : 'redis';

/** The Redis of a test's own queues: REDIS_URL on the Redis backend, none on Postgres. */
export const QUEUE_REDIS_URL: string | undefined = QUEUE_BACKEND === 'redis' ? REDIS_URL : undefined;

/**
 * Whether a Redis answers at REDIS_URL: `npm test` sets LSL_TEST_NO_REDIS=1 when none does (and
 * runs everything on the Postgres queue backend), so a check that looks into Redis knows.
 */
export const REDIS_AVAILABLE = process.env.LSL_TEST_NO_REDIS !== '1';

/**
 * A file's reason to skip for want of a tool or service (or false), for `describe`'s `skip`;
 * with LSL_REQUIRE_SERVICES=1 (CI: the full suite, nothing skipped) it is an error instead.
 */
export function skipFor(reason: string | false): string | false {
  if (reason && process.env.LSL_REQUIRE_SERVICES === '1') throw new Error(`${reason}; LSL_REQUIRE_SERVICES=1 asks for the full suite`);
  return reason;
}

export interface QueueView {
  backend: QueueBackend;
  queues: OperationQueues;
}

export interface SystemOptions {
  /** Worker slots per partition inside the server process (0: none). */
  serverWorkerConcurrency?: number;
  /** Extra worker processes. */
  workers?: number;
  partitions?: number;
  /** The queue backend of this system (default: QUEUE_BACKEND). */
  queueBackend?: 'redis' | 'postgres';
  env?: Record<string, string>;
  /**
   * The key the server is started with (API_KEYS) and `api` sends; a fresh one by default.
   * `null`: no API_KEYS (the server runs open on loopback) and `api` sends none.
   */
  apiKey?: string | null;
}

export interface System {
  baseUrl: string;
  databaseUrl: string;
  prefix: string;
  /** The server's `listening` log line. */
  listening: Record<string, any>;
  /** The key in the server's API_KEYS (see `SystemOptions.apiKey`). */
  apiKey: string | null;
  server: ChildProcess;
  workers: ChildProcess[];
  /** The system's queue backend and partition queues as seen from the test process (made on first call). */
  queueView(): Promise<QueueView>;
  /** Starts one more worker process (with `env` added to the system's). */
  startWorker(env?: Record<string, string>): Promise<ChildProcess>;
  /** Starts one more server process on the same database and queues (with `env` added); stopped by `stop`. */
  startServer(env?: Record<string, string>): Promise<{ baseUrl: string; process: ChildProcess; api: Api }>;
  stop(): Promise<void>;
  api: Api;
}

/** `LSL_CHILD_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"` profiles the spawned processes. */
export function tsxArgs(entry: string): string[] {
  const extra = process.env.LSL_CHILD_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  return [...extra, '--conditions=source', '--import', 'tsx', `${ROOT}/${entry}`];
}

/** Waits for a JSON log line with `message`; returns it. */
export async function waitForLog(child: ChildProcess, message: string, timeoutMs = 60_000): Promise<Record<string, any>> {
  let buffer = '';
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for "${message}"; stderr: ${stderr}`)), timeoutMs);
    const onData = (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        try {
          const entry = JSON.parse(line);
          if (entry.message === message) {
            clearTimeout(timer);
            child.stdout?.off('data', onData);
            child.stdout?.resume();
            resolve(entry);
            return;
          }
        } catch {
          /* not a log line */
        }
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`process exited with ${code} before "${message}"; stderr: ${stderr}`));
    });
  });
}

/** The whole system as real processes: a server (intake, results, maybe workers) and workers. */
export async function startSystem(options: SystemOptions = {}): Promise<System> {
  const database: TestDatabase = await createTestDatabase();
  // A session held on the database while the system lives: another run's clean-up drops the
  // test databases nobody is connected to, which a fresh one is until the server connects.
  const keeper = new pg.Client({ connectionString: database.url, application_name: 'lsl-test-keeper' });
  keeper.on('error', () => {});
  await keeper.connect();
  const prefix = `lsltest-${randomBytes(4).toString('hex')}`;
  const apiKey = options.apiKey === undefined ? newTestKey() : options.apiKey;
  const env = {
    ...childEnv(),
    DATABASE_URL: database.url,
    REDIS_URL,
    PORT: '0',
    HOST: '127.0.0.1',
    QUEUE_PREFIX: prefix,
    QUEUE_PARTITIONS: String(options.partitions ?? 4),
    WORKER_CONCURRENCY: String(options.serverWorkerConcurrency ?? 2),
    DASHBOARD_PASSWORD: 'test-dashboard',
    API_KEYS: apiKey ?? '',
    // Load and fault tests send far more than a lender would; the rate-limit tests set their own.
    RATE_LIMIT_REQUESTS: '0',
    // An empty REDIS_URL is unset: the queues go to Postgres, two pooled connections (and one
    // LISTEN) per process, so that several test files fit in one Postgres's max_connections.
    ...((options.queueBackend ?? QUEUE_BACKEND) === 'postgres' ? { REDIS_URL: '', QUEUE_POOL_SIZE: '2' } : {}),
    ...options.env,
  };
  // Every process spawned, so that a start-up that fails half-way leaves none behind.
  const spawned: ChildProcess[] = [];
  const server = spawn(process.execPath, tsxArgs('apps/server/src/main.ts'), { env, stdio: ['ignore', 'pipe', 'pipe'] });
  spawned.push(server);
  const stopAll = async () => {
    const all = spawned.filter((c) => c.exitCode === null && c.signalCode === null);
    await Promise.all(all.map(async (c) => {
      c.kill('SIGTERM');
      const timer = setTimeout(() => c.kill('SIGKILL'), 10_000);
      await once(c, 'exit');
      clearTimeout(timer);
    }));
  };
  const abandon = async (error: unknown): Promise<never> => {
    await stopAll();
    await keeper.end().catch(() => {});
    await database.drop().catch(() => {});
    throw error;
  };
  const listening = await waitForLog(server, 'listening', 180_000).catch(abandon);
  forwardProblems(server, 'server');
  const baseUrl = listening.url as string;
  let view: Promise<QueueView> | undefined;
  const queueView = () =>
    (view ??= createQueueBackend({ redisUrl: env.REDIS_URL, databaseUrl: env.DATABASE_URL, prefix, poolSize: 2, applicationName: 'lsl-test-queue' }).then((backend) => ({
      backend,
      queues: new OperationQueues({ backend, partitions: Number(env.QUEUE_PARTITIONS), prefix }),
    })));
  const workers: ChildProcess[] = [];
  const startWorker = async (extraEnv: Record<string, string> = {}) => {
    const worker = spawn(process.execPath, tsxArgs('apps/worker/src/main.ts'), { env: { ...env, WORKER_CONCURRENCY: '2', ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    spawned.push(worker);
    // Generous: on a machine loaded by a whole test run, a process may take long to start.
    const started = await waitForLog(worker, 'worker started', 180_000);
    // The worker's start line (with its BullMQ worker ids), for tests that look at its jobs.
    workerStartLogs.set(worker, started);
    forwardProblems(worker, `worker ${worker.pid}`);
    workers.push(worker);
    return worker;
  };
  const extraServers: ChildProcess[] = [];
  const startServer = async (extraEnv: Record<string, string> = {}) => {
    const child = spawn(process.execPath, tsxArgs('apps/server/src/main.ts'), { env: { ...env, WORKER_CONCURRENCY: '0', ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    extraServers.push(child);
    spawned.push(child);
    const line = await waitForLog(child, 'listening', 180_000);
    forwardProblems(child, `server ${child.pid}`);
    return { baseUrl: line.url as string, process: child, api: createApi(line.url as string, apiKey) };
  };
  await Promise.all(Array.from({ length: options.workers ?? 0 }, () => startWorker())).catch(abandon);
  return {
    baseUrl,
    databaseUrl: database.url,
    prefix,
    listening,
    apiKey,
    server,
    workers,
    queueView,
    startWorker,
    startServer,
    api: createApi(baseUrl, apiKey),
    async stop() {
      await stopAll();
      if (view) {
        const { backend, queues } = await view;
        await queues.close();
        await backend.close();
      }
      if (env.REDIS_URL === REDIS_URL) await cleanRedisPrefix(prefix);
      await keeper.end().catch(() => {});
      await database.drop();
    },
  };
}

/** A key of the shape `npm run keys -- create` makes. */
export function newTestKey(): string {
  return `lsl_${randomBytes(32).toString('base64url')}`;
}

/** Shows a process's errors in the test output (5xx, ledger defects, crashes); info stays quiet. */
function forwardProblems(child: ChildProcess, name: string): void {
  child.stderr?.on('data', (d) => process.stderr.write(`[${name}] ${d}`));
  child.stdout?.on('data', (d: Buffer) => {
    for (const line of d.toString().split('\n')) {
      if (/request failed|ledger error|"level":"error"/.test(line)) process.stderr.write(`[${name}] ${line}\n`);
    }
  });
}

/** The 'worker started' log line of each worker process started by `System.startWorker`. */
export const workerStartLogs = new WeakMap<ChildProcess, Record<string, any>>();

export async function cleanRedisPrefix(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface Api {
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<ApiResponse>;
  get(path: string, headers?: Record<string, string>): Promise<ApiResponse>;
  raw(path: string, init: RequestInit): Promise<ApiResponse>;
  /** Polls an operation until it is succeeded or failed. */
  waitForOperation(id: string, timeoutMs?: number): Promise<any>;
}

/** `apiKey`, when given, goes in every request that does not set its own Authorization. */
export function createApi(baseUrl: string, apiKey: string | null = null): Api {
  const raw = async (path: string, init: RequestInit): Promise<ApiResponse> => {
    const headers = new Headers(init.headers);
    if (apiKey !== null && !headers.has('authorization')) headers.set('authorization', `Bearer ${apiKey}`);
    const res = await fetch(`${baseUrl}${path}`, { ...init, headers });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* keep text */
    }
    return { status: res.status, headers: res.headers, body };
  };
  const api: Api = {
    raw,
    post: (path, body, headers = {}) =>
      raw(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }),
    get: (path, headers = {}) => raw(path, { headers }),
    async waitForOperation(id, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const res = await api.get(`/v1/operations/${id}`);
        if (res.status === 200 && (res.body.status === 'succeeded' || res.body.status === 'failed')) return res.body;
        if (Date.now() > deadline) throw new Error(`operation ${id} not finished: ${JSON.stringify(res.body)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
  return api;
}

/** A create-payment body (docs/api.md) paid at noon of `day`, spread by the ledger (no allocations). */
export function paymentBody(amount: number, day: string, requestId: string | null, configId: string | null = null) {
  return {
    payment: { amount_paid: amount, config_id: configId, payment_date: `${day}T12:00:00-05:00` },
    payment_allocations: null,
    occurred_on: `${day}T12:00:00-05:00`,
    request_id: requestId,
  };
}

/** A valid create-loan body, after the seed's example (with valid values). */
export function createLoanBody(overrides: Record<string, unknown> = {}, loan: Record<string, unknown> = {}) {
  return {
    loan: {
      amount_financed: 1200000,
      config_id: 'DEFAULT',
      daily_fee_charge: null,
      delinquency_interest_rate: 0.3848,
      due_dates: ['2024-02-15', '2024-03-15', '2024-04-15', '2024-05-15', '2024-06-15', '2024-07-15'].map((d) => `${d}T23:59:59.999999-05:00`),
      guarantee_provider: 'FGA',
      installment_fee_2_charge: null,
      installment_fee_charge: 60000,
      interest_rate: 0.3848,
      origination_date: '2024-01-15T00:00:00-05:00',
      owner: 'BANK_1',
      ...loan,
    },
    occurred_on: '2024-01-15T10:15:20-05:00',
    request_id: 'req-create',
    ...overrides,
  };
}

#!/usr/bin/env node
// `npm start`: installs and builds what is missing, then runs the whole system on PORT
// (default 3000): the server (intake, results, dashboard) and, on a machine with more than one
// core, worker processes besides it, so every core works (docs/performance.md, "Processes").
// WORKER_PROCESSES sets how many (default: cores − 1; 0 runs the workers inside the server).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1' };

const step = (what, cmd, args) => {
  console.log(`> ${what}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

if (!existsSync('node_modules/.package-lock.json')) step('installing dependencies', 'npm', ['install', '--no-audit', '--no-fund']);
// turbo rebuilds only what changed since the last build (its cache), so this is quick.
step('building', 'npx', ['turbo', 'run', 'build', '--output-logs=errors-only']);

const workerProcesses = Number(env.WORKER_PROCESSES ?? Math.max(0, availableParallelism() - 1));
if (!Number.isInteger(workerProcesses) || workerProcesses < 0) {
  console.error('WORKER_PROCESSES must be a whole number ≥ 0');
  process.exit(1);
}
// With worker processes, the server only serves (unless WORKER_CONCURRENCY says otherwise).
const serverEnv = workerProcesses > 0 ? { WORKER_CONCURRENCY: '0', ...env } : env;
// The workers use the server's database: the configured one, or the embedded one it starts.
const databaseUrl = env.DATABASE_URL || `postgres://postgres:postgres@127.0.0.1:${env.EMBEDDED_PG_PORT ?? 54329}/lsl`;

const children = new Set();
let stopping = false;
const run = (args, childEnv, onExit) => {
  const child = spawn(process.execPath, ['--enable-source-maps', ...args], { stdio: ['ignore', 'pipe', 'inherit'], env: childEnv });
  children.add(child);
  child.on('exit', (code, signal) => {
    children.delete(child);
    onExit(code, signal);
  });
  return child;
};

// Worker i consumes the partitions p with p mod WORKER_PROCESSES = i (partition affinity: a
// borrower's state stays in one process's cache); while it is down, the next live worker drains
// its partitions, and its replacement, same slot, takes them back (docs/performance.md).
const startWorker = (slot) => {
  const workerEnv = { ...env, DATABASE_URL: databaseUrl, WORKER_PROCESSES: String(workerProcesses), WORKER_PROCESS_INDEX: String(slot) };
  run(['apps/worker/dist/main.js'], workerEnv, (code, signal) => {
    if (stopping) return;
    console.error(JSON.stringify({ level: 'error', message: 'worker process exited; starting another', slot, code, signal }));
    setTimeout(() => startWorker(slot), 1000);
  }).stdout.pipe(process.stdout);
};

const server = run(['apps/server/dist/main.js'], serverEnv, (code, signal) => {
  // The server owns the embedded database: without it nothing works, so stop everything.
  stopping = true;
  for (const c of children) c.kill('SIGTERM');
  process.exitCode = code ?? (signal ? 1 : 0);
});
let buffer = '';
let workersStarted = false;
server.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  if (workersStarted) return;
  buffer += chunk.toString();
  // Workers start once the server is listening: the database is up and migrated by then.
  if (buffer.includes('"message":"listening"')) {
    workersStarted = true;
    buffer = '';
    for (let i = 0; i < workerProcesses; i++) startWorker(i);
  }
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopping = true;
    // Workers first (they finish or hand back their jobs), the server (and its database) last.
    const workers = [...children].filter((c) => c !== server);
    Promise.all(workers.map((w) => new Promise((resolve) => (w.once('exit', resolve), w.kill(signal))))).then(() => server.kill(signal));
  });
}

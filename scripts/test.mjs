#!/usr/bin/env node
// `npm test`: every test of every package and app, then the end-to-end tests, against the real
// Postgres (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres) and Redis
// (REDIS_URL, default redis://127.0.0.1:6379). Each test file makes its own database, cloned
// from a template migrated once per run, and its own queue prefix.
//
// Then a second pass: the files that apply to both queue backends run again with
// QUEUE_BACKEND=postgres (the queues in each test database, REDIS_URL unset in the system's
// processes; docs/guarantees.md, "Queue backends"). The Redis-only faults (FLUSHALL, Redis
// restart) and the Redis Cluster test stay in the first pass.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);

if (!existsSync('node_modules/.package-lock.json')) {
  const install = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (install.status !== 0) process.exit(install.status ?? 1);
}

const only = process.argv.slice(2);
const testFiles = [];
for (const group of ['packages', 'apps']) {
  for (const name of readdirSync(group)) {
    const dir = join(group, name, 'test');
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort()) if (f.endsWith('.test.ts')) testFiles.push(join(dir, f));
  }
}
for (const f of readdirSync('test').sort()) if (f.endsWith('.test.ts')) testFiles.push(join('test', f));
const files = only.length > 0 ? testFiles.filter((f) => only.some((o) => f.includes(o))) : testFiles;

const BOTH_BACKENDS = [
  'test/browser.test.ts',
  'test/pipeline.test.ts',
  'test/ordering.test.ts',
  'test/queue-backend.test.ts',
  'test/fault-duplicates.test.ts',
  'test/fault-sigkill.test.ts',
  'test/fault-sigterm.test.ts',
  'test/fault-pg-restart.test.ts',
  'test/fault-pg-terminate.test.ts',
];
// The SIGKILL load on Postgres: 2,000 operations over 80 borrowers (the Redis pass runs the
// full 5,000), to keep CI time in bounds; FAULT_BORROWERS set by the caller wins.
const postgresEnv = { QUEUE_BACKEND: 'postgres', FAULT_BORROWERS: process.env.FAULT_BORROWERS ?? '80' };

const env = { ...process.env, LSL_TEST_RUN_ID: `${Date.now().toString(36)}${process.pid}`, TURBO_TELEMETRY_DISABLED: '1' };
const args = (list) => ['--conditions=source', '--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=600000', ...list];
const passes = [];
if (process.env.QUEUE_BACKEND !== 'postgres') passes.push({ files, env });
const onBoth = files.filter((f) => BOTH_BACKENDS.includes(f));
if (process.env.QUEUE_BACKEND !== 'redis' && onBoth.length > 0) passes.push({ files: onBoth, env: { ...env, ...postgresEnv }, label: 'queue backend: postgres' });
let run = { status: 0 };
for (const pass of passes) {
  if (pass.label) console.log(`\n# ${pass.label}: ${pass.files.join(' ')}`);
  const result = spawnSync(process.execPath, args(pass.files), { stdio: 'inherit', env: pass.env });
  if (result.status !== 0) run = result;
}

// Drop this run's databases (a crashed test file may have left its own behind).
spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', '-e', "import('@lsl/db/testing').then((m) => m.dropTestTemplates(process.env.LSL_TEST_RUN_ID))"], { stdio: 'inherit', env });
process.exit(run.status ?? 1);

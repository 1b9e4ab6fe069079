#!/usr/bin/env node
// `npm test`: every test of every package and app, then the end-to-end tests, against a real
// Postgres (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres) and Redis
// (REDIS_URL, default redis://127.0.0.1:6379). Each test file makes its own database, cloned
// from a template migrated once per run, and its own queue prefix.
//
// Then a second pass: the files that apply to both queue backends run again with
// QUEUE_BACKEND=postgres (the queues in each test database, REDIS_URL unset in the system's
// processes; docs/guarantees.md, "Queue backends"). The Redis-only faults (FLUSHALL, Redis
// restart) and the Redis Cluster test stay in the first pass.
//
// With nothing installed but Node.js (README, "Tests"): no Postgres answering and no
// TEST_DATABASE_URL, the run starts an embedded one of its own; no Redis answering, every file
// runs once on the Postgres queue backend and the files that need a Redis are skipped, saying
// so. LSL_REQUIRE_SERVICES=1 (CI) makes a missing service an error instead.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);

if (!existsSync('node_modules/.package-lock.json')) {
  const install = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (install.status !== 0) process.exit(install.status ?? 1);
}
const { reachable, startEmbeddedPostgres } = await import('./test-services.mjs');

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
  'test/corrections.test.ts',
  'test/restructure-loans-batch.test.ts',
  'test/fault-duplicates.test.ts',
  'test/fault-sigkill.test.ts',
  'test/fault-sigterm.test.ts',
  'test/fault-pg-restart.test.ts',
  'test/fault-pg-terminate.test.ts',
];
// What only a Redis can test: its data lost, its restart, a Redis Cluster.
const NEEDS_REDIS = ['test/fault-redis-flush.test.ts', 'test/fault-redis-restart.test.ts', 'test/redis-cluster.test.ts'];
// Tests of pure code: no database, no queue.
const NEEDS_NOTHING = ['packages/ledger/', 'packages/contracts/', 'packages/http/', 'packages/telemetry/'];
// The SIGKILL load on Postgres: 2,000 operations over 80 borrowers (the Redis pass runs the
// full 5,000), to keep CI time in bounds; FAULT_BORROWERS set by the caller wins.
const postgresEnv = { QUEUE_BACKEND: 'postgres', FAULT_BORROWERS: process.env.FAULT_BORROWERS ?? '80' };
const requireServices = process.env.LSL_REQUIRE_SERVICES === '1';
const missing = (what) => {
  console.error(`npm test: ${what}; LSL_REQUIRE_SERVICES=1 asks for the full suite, so this is an error.`);
  process.exit(1);
};

const env = { ...process.env, LSL_TEST_RUN_ID: `${Date.now().toString(36)}${process.pid}`, TURBO_TELEMETRY_DISABLED: '1' };
const needsServices = files.some((f) => !NEEDS_NOTHING.some((dir) => f.startsWith(dir)));
let embedded;
let redisMissing = false;
if (needsServices) {
  const adminUrl = env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  if (!(await reachable(adminUrl, 5432))) {
    if (env.TEST_DATABASE_URL !== undefined || requireServices) missing(`no Postgres answers at ${new URL(adminUrl).host}`);
    console.log(`# no Postgres at ${new URL(adminUrl).host}: starting an embedded one for this run`);
    embedded = await startEmbeddedPostgres();
    env.TEST_DATABASE_URL = embedded.url;
  }
  if (env.QUEUE_BACKEND !== 'postgres' && !(await reachable(env.REDIS_URL || 'redis://127.0.0.1:6379', 6379))) {
    if (requireServices) missing(`no Redis answers at ${env.REDIS_URL || 'redis://127.0.0.1:6379'}`);
    redisMissing = true;
  }
}

const args = (list) => ['--conditions=source', '--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=600000', ...list];
const passes = [];
let skipped = [];
if (redisMissing) {
  // One pass, every file on the Postgres queue backend, but what only a Redis can test.
  skipped = files.filter((f) => NEEDS_REDIS.includes(f));
  if (skipped.length > 0) console.log(`# skipped, no Redis at ${env.REDIS_URL || 'redis://127.0.0.1:6379'} (they test Redis itself): ${skipped.join(' ')}`);
  const onPostgres = files.filter((f) => !NEEDS_REDIS.includes(f));
  console.log('# no Redis: every other file runs once, with the queues in Postgres (QUEUE_BACKEND=postgres)');
  if (onPostgres.length > 0) passes.push({ files: onPostgres, env: { ...env, ...postgresEnv, LSL_TEST_NO_REDIS: '1' } });
} else {
  if (env.QUEUE_BACKEND !== 'postgres') passes.push({ files, env });
  const onBoth = files.filter((f) => BOTH_BACKENDS.includes(f));
  if (env.QUEUE_BACKEND !== 'redis' && onBoth.length > 0) passes.push({ files: onBoth, env: { ...env, ...postgresEnv }, label: 'queue backend: postgres' });
}
let run = { status: 0 };
try {
  for (const pass of passes) {
    if (pass.label) console.log(`\n# ${pass.label}: ${pass.files.join(' ')}`);
    const result = spawnSync(process.execPath, args(pass.files), { stdio: 'inherit', env: pass.env });
    if (result.status !== 0) run = result;
  }
  // Drop this run's databases (a crashed test file may have left its own behind); an embedded
  // Postgres goes as a whole.
  if (needsServices && !embedded) {
    spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', '-e', "import('@lsl/db/testing').then((m) => m.dropTestTemplates(process.env.LSL_TEST_RUN_ID))"], { stdio: 'inherit', env });
  }
} finally {
  await embedded?.stop();
}
if (skipped.length > 0) console.log(`# skipped for want of a Redis: ${skipped.length} file${skipped.length === 1 ? '' : 's'} (start a Redis on 6379 or set REDIS_URL for the full suite)`);
process.exit(run.status ?? 1);

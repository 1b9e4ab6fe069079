#!/usr/bin/env node
// `npm test`: every test of every package and app, then the end-to-end tests, against the real
// Postgres (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres) and Redis
// (REDIS_URL, default redis://127.0.0.1:6379). Each test file makes its own database, cloned
// from a template migrated once per run, and its own queue prefix.
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

const env = { ...process.env, LSL_TEST_RUN_ID: `${Date.now().toString(36)}${process.pid}`, TURBO_TELEMETRY_DISABLED: '1' };
const args = ['--conditions=source', '--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=600000', ...files];
const run = spawnSync(process.execPath, args, { stdio: 'inherit', env });

// Drop this run's databases (a crashed test file may have left its own behind).
spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', '-e', "import('@lsl/db/testing').then((m) => m.dropTestTemplates(process.env.LSL_TEST_RUN_ID))"], { stdio: 'inherit', env });
process.exit(run.status ?? 1);

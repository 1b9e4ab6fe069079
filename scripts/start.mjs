#!/usr/bin/env node
// `npm start`: installs and builds what is missing, then runs the whole system (intake,
// results, dashboard and workers) on PORT (default 3000). See README "Running it".
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

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

const child = spawn(process.execPath, ['--enable-source-maps', 'apps/server/dist/main.js'], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

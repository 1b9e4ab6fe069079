#!/usr/bin/env node
// `npm run keys -- create --name X | list | revoke ID`: builds what is missing (quietly: its
// output is shown only if it fails, on stderr, so stdout holds only the command's answer), then
// runs apps/server/src/keys-cli.ts.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1' };

if (!existsSync('node_modules/.package-lock.json')) {
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { stdio: ['ignore', 2, 2], env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const build = spawnSync('npx', ['turbo', 'run', 'build', '--filter=@lsl/server...', '--output-logs=errors-only'], { stdio: ['ignore', 'pipe', 'pipe'], env });
if (build.status !== 0) {
  process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}`);
  process.exit(build.status ?? 1);
}

const child = spawn(process.execPath, ['apps/server/dist/keys-cli.js', ...process.argv.slice(2)], { stdio: 'inherit', env });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

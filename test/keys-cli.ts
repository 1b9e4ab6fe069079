import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { childEnv } from './child-env.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Runs `npm run keys -- <args>` (its source, apps/server/src/keys-cli.ts) on `databaseUrl`. */
export async function keysCli(databaseUrl: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', `${ROOT}/apps/server/src/keys-cli.ts`, ...args], {
    env: childEnv({ DATABASE_URL: databaseUrl }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, stdout, stderr };
}

/** `keys create --json`: the new key and its id. */
export async function createKey(databaseUrl: string, name: string, rateLimit?: number): Promise<{ id: string; key: string }> {
  const res = await keysCli(databaseUrl, ['create', '--name', name, '--json', ...(rateLimit === undefined ? [] : ['--rate-limit', String(rateLimit)])]);
  if (res.code !== 0) throw new Error(`keys create failed: ${res.stderr}`);
  return JSON.parse(res.stdout);
}

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { buildOpenApiDocument } from '@lsl/contracts';
import { childEnv } from './child-env.js';
import { QUEUE_REDIS_URL } from './helpers.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** `npm run check:prism -- --from-source [...]`: its exit code and output. */
async function checkPrism(args: string[] = []): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['scripts/check-openapi-proxy.mjs', '--from-source', ...args], {
    cwd: ROOT,
    env: childEnv({
      TEST_DATABASE_URL: process.env.TEST_DATABASE_URL,
      // An empty REDIS_URL is unset: on the Postgres queue backend the queues live in the run's database.
      REDIS_URL: QUEUE_REDIS_URL ?? '',
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d.toString()));
  child.stderr.on('data', (d) => (output += d.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, output };
}

const summaryOf = (output: string) => output.split('\n').filter((l) => l.startsWith('# ') || l.startsWith('- ') || l.startsWith('check:prism'));

/**
 * `npm run check:prism` (scripts/check-openapi-proxy.mjs; docs/api.md, "Checking the document
 * with Prism"): the served /openapi.json, loaded by Stoplight Prism as a validating proxy in
 * front of the system, passes every request the docs show, every route's example body and the
 * typical error requests with no violation, in either direction.
 */
describe('the served document through Prism as a validating proxy', () => {
  it('replays the docs and every example with no violation', async () => {
    const { code, output } = await checkPrism();
    const summary = summaryOf(output);
    for (const line of summary) console.log(line.replace(/^# /, ''));
    assert.equal(code, 0, `check:prism found violations or failed:\n${summary.join('\n')}\n${code === 0 ? '' : output.slice(-3000)}`);
    assert.match(output, /# no violation/);
    assert.match(output, /# [1-9]\d* JSON body schemas compiled by Prism's validator, 0 unusable/);
    assert.match(output, /# [1-9]\d* webhook deliveries received/);
  });

  it('reports a response the document does not describe, and fails', async () => {
    // A document whose create-loan answer has a string `kordev_id`: the server's is an integer.
    const document = JSON.parse(JSON.stringify(buildOpenApiDocument()));
    const schema = document.components.schemas.CreateLoanResult;
    assert.ok(schema?.properties?.kordev_id, 'CreateLoanResult has kordev_id');
    schema.properties.kordev_id = { type: 'string' };
    const dir = mkdtempSync(join(tmpdir(), 'lsl-prism-'));
    try {
      const file = join(dir, 'openapi.json');
      writeFileSync(file, JSON.stringify(document));
      const { code, output } = await checkPrism(['--document', file, '--fail-fast']);
      assert.equal(code, 1, output.slice(-3000));
      const violations = summaryOf(output).filter((l) => l.startsWith('- '));
      assert.ok(violations.some((l) => l.startsWith('- README create loan: POST /v1/borrowers/b1/loans/loan1/create') && l.includes('kordev_id')), violations.join('\n'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

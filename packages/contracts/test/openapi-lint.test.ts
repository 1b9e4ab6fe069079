import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { buildOpenApiDocument } from '../src/index.js';

const PACKAGE_DIR = dirname(dirname(fileURLToPath(import.meta.url)));
const REDOCLY = join(dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json')), 'bin', 'cli.js');

interface LintReport {
  totals: { errors: number; warnings: number };
  problems: Array<{ severity: string; ruleId: string; message: string; location?: Array<{ pointer?: string }> }>;
}

/** `redocly lint` (with ./redocly.yaml) of a document; its JSON report. No telemetry, no network. */
function lint(document: unknown): LintReport {
  const dir = mkdtempSync(join(tmpdir(), 'lsl-openapi-'));
  try {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(document, null, 2));
    const run = spawnSync(process.execPath, [REDOCLY, 'lint', file, '--config', join(PACKAGE_DIR, 'redocly.yaml'), '--format=json'], {
      encoding: 'utf8',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
      timeout: 120_000,
    });
    assert.ok(run.stdout.trim().startsWith('{'), `redocly gave no report: ${run.stderr}`);
    return JSON.parse(run.stdout) as LintReport;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const errorsOf = (report: LintReport) =>
  report.problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId}: ${p.message} at ${p.location?.[0]?.pointer ?? '?'}`);

describe('redocly lint of /openapi.json', () => {
  it('reports no error (warnings are printed)', () => {
    const report = lint(buildOpenApiDocument());
    for (const p of report.problems.filter((x) => x.severity !== 'error')) console.log(`# redocly ${p.severity}: ${p.ruleId} ${p.location?.[0]?.pointer ?? ''}`);
    assert.deepEqual(errorsOf(report), []);
  });

  it('catches an example its schema refuses, and a route without security or servers', () => {
    const document = structuredClone(buildOpenApiDocument()) as any;
    document.paths['/v1/operations/{id}'].get.responses['200'].content['application/json'].example = { id: 42 };
    delete document.servers;
    delete document.security;
    for (const item of Object.values(document.paths) as any[]) for (const op of Object.values(item) as any[]) delete op.security;
    const rules = new Set(errorsOf(lint(document)).map((e) => e.split(':')[0]));
    for (const rule of ['no-invalid-media-type-examples', 'no-empty-servers', 'security-defined']) assert.ok(rules.has(rule), `${rule} in ${[...rules].join(', ')}`);
  });
});

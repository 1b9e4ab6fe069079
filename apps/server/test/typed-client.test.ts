import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { serveAppPerSuite } from './serve-app.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));

/**
 * The document as a client sees it: the served `/openapi.json` through `openapi-typescript`,
 * and a lender's flow (create loan, payment, get_status, a webhook subscription) written with
 * `openapi-fetch` against the generated types, compiled under `--strict`. The flow reads every
 * field docs/api.md and docs/reads.md name and casts nothing, so a field the document leaves
 * out, or declares loosely, is a compile error here.
 */
describe('a typed client generated from /openapi.json', () => {
  const served = serveAppPerSuite();

  it('compiles the lender flow under tsc --strict', async () => {
    const document = await (await fetch(`${served.app.baseUrl}/openapi.json`)).text();
    const types = astToString(await openapiTS(document));
    // Inside the package, so that the flow resolves openapi-fetch from the workspace's node_modules.
    const dir = mkdtempSync(join(HERE, '.typed-client-'));
    try {
      writeFileSync(join(dir, 'api.d.ts'), types);
      writeFileSync(join(dir, 'flow.ts'), readFileSync(join(HERE, 'typed-client/flow.ts.txt'), 'utf8'));
      const program = ts.createProgram([join(dir, 'flow.ts')], {
        strict: true,
        noEmit: true,
        noUncheckedIndexedAccess: true,
        exactOptionalPropertyTypes: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
        types: [],
        skipLibCheck: true,
      });
      const errors = ts.getPreEmitDiagnostics(program).map((d) => {
        const where = d.file && d.start !== undefined ? `${d.file.fileName.slice(dir.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : '';
        return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      });
      assert.deepEqual(errors, []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the flow would not compile with a field the document does not declare (the check can fail)', async () => {
    const document = await (await fetch(`${served.app.baseUrl}/openapi.json`)).text();
    const types = astToString(await openapiTS(document));
    const dir = mkdtempSync(join(HERE, '.typed-client-'));
    try {
      writeFileSync(join(dir, 'api.d.ts'), types);
      writeFileSync(join(dir, 'flow.ts'), readFileSync(join(HERE, 'typed-client/flow.ts.txt'), 'utf8').replace('i.buckets.interest.closed', 'i.buckets.interest.not_a_field'));
      const program = ts.createProgram([join(dir, 'flow.ts')], { strict: true, noEmit: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], types: [], skipLibCheck: true });
      const messages = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      assert.ok(messages.some((m) => m.includes("'not_a_field'")), messages.join('\n'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

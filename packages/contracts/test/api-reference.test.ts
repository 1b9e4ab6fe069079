import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { buildOpenApiDocument, renderApiReference } from '../src/index.js';

/** docs/api-reference.md is generated (`npm run docs:api`): it must be what the contracts render now. */
describe('docs/api-reference.md', () => {
  const doc = buildOpenApiDocument();
  const page = renderApiReference(doc, 'npm run docs:api');
  const committed = readFileSync(new URL('../../../docs/api-reference.md', import.meta.url), 'utf8');

  it('is up to date with the OpenAPI document (else run `npm run docs:api` and commit it)', () => {
    if (committed === page) return;
    const a = committed.split('\n');
    const b = page.split('\n');
    const line = a.findIndex((text, i) => text !== b[i]);
    assert.fail(`docs/api-reference.md is out of date: run \`npm run docs:api\`. First difference at line ${line + 1}:\n- ${a[line]}\n+ ${b[line]}`);
  });

  it('has a section for every route and method, and every named schema', () => {
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      for (const method of Object.keys(item).filter((k) => ['get', 'put', 'post', 'patch', 'delete'].includes(k))) {
        assert.ok(page.includes(`### \`${method.toUpperCase()} ${path}\``), `${method} ${path}`);
      }
    }
    for (const name of Object.keys(doc.components?.schemas ?? {})) assert.ok(page.includes(`### ${name}\n`), name);
  });

  it('lists each field of a request body with its type, whether required, and its bounds', () => {
    const section = page.slice(page.indexOf('### CreatePaymentRequest\n'));
    const table = section.slice(0, section.indexOf('\n### '));
    assert.match(table, /\| `payment` \| \[Payment\]\(#schema-payment\) \| yes \|/);
    assert.match(table, /\| `payment_allocations` \| array of \[PaymentAllocation\]\(#schema-paymentallocation\) \\\| null \| no \|/);
    assert.match(page, /\| `amount_paid` \| number \| yes \| 0\.\.10000000000000; multiple of 0\.01 \|/);
  });

  it('shows each example once, and points to it from the other routes', () => {
    const created = page.slice(page.indexOf('### `POST /v1/borrowers/{borrower_id}/loans/{loan_id}/cancel`'));
    assert.match(created, /Example 401: as for \[`POST \/v1\/borrowers\/\{borrower_id\}\/loans\/\{loan_id\}\/create`\]\(#post-v1-borrowers-borrower-id-loans-loan-id-create\)\./);
    assert.ok(page.includes('"loan_cancellation": {'), 'the cancel request example');
  });
});

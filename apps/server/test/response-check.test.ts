import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildOpenApiDocument } from '@lsl/contracts';
import { createResponseChecker } from '../src/response-check.js';

/** A get_status body as the ledger renders it (the document's own example, which redocly checks). */
function statusBody(): Record<string, any> {
  const document = JSON.parse(JSON.stringify(buildOpenApiDocument()));
  return document.paths['/v1/borrowers/{borrower_id}/get_status'].get.responses['200'].content['application/json'].example;
}

describe('the response checker (what the end-to-end tests hold every answer to)', () => {
  const check = createResponseChecker(buildOpenApiDocument());
  const url = '/v1/borrowers/B1/get_status?calculation_date=2024-02-20';
  const json = 'application/json; charset=utf-8';

  it('accepts a body as declared', () => {
    assert.equal(check('GET', url, 200, json, JSON.stringify(statusBody())), null);
  });

  it('refuses an undeclared field, at any depth', () => {
    const body = statusBody();
    body.loans[0].installments[0].surprise = 1;
    const violation = check('GET', url, 200, json, JSON.stringify(body));
    assert.ok(violation);
    assert.match(violation.problems.join('\n'), /\/loans\/0\/installments\/0 must NOT have additional properties: 'surprise'/);
  });

  it('refuses a missing field and a wrong type', () => {
    const body = statusBody();
    delete body.loans[0].summary;
    body.positive_balance = '0';
    const problems = check('GET', url, 200, json, JSON.stringify(body))?.problems.join('\n') ?? '';
    assert.match(problems, /\/loans\/0 must have required property 'summary'/);
    assert.match(problems, /\/positive_balance must be number/);
  });

  it('refuses an undeclared status and an undeclared content type', () => {
    assert.match(check('GET', url, 418, json, '{}')?.problems[0] ?? '', /status 418 is not declared/);
    assert.match(check('GET', url, 200, 'text/html', '<p>')?.problems[0] ?? '', /content type 'text\/html' is not declared/);
  });

  it('refuses a body where none is declared (204) and accepts a 304', () => {
    const id = '5f35325a-3dc7-408f-b3d2-ab642df57882';
    assert.equal(check('DELETE', `/v1/webhooks/${id}`, 204, undefined, ''), null);
    assert.ok(check('DELETE', `/v1/webhooks/${id}`, 204, json, '{}'));
    assert.equal(check('GET', url, 304, undefined, ''), null);
  });

  it('prefers a literal path segment to a parameter, and leaves routes the document does not name alone', () => {
    assert.match(check('POST', '/v1/borrowers/loans/simulate', 200, json, '{}')?.route ?? '', /^\/v1\/borrowers\/loans\/simulate$/);
    assert.equal(check('GET', '/v1/nothing-here', 404, json, '{}'), null);
    assert.equal(check('GET', '/dashboard/', 200, 'text/html', '<p>'), null);
  });
});

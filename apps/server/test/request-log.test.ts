import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exampleRequest } from '@lsl/contracts';
import { serveAppPerSuite } from './serve-app.js';

describe('request log lines', () => {
  const served = serveAppPerSuite();

  const linesOf = (requestId: string) => served.app.lines.filter((l) => l.req?.id === requestId);

  it('a path segment that does not decode is logged as sent, and the server goes on (found by the fuzz test)', async () => {
    const res = await fetch(`${served.app.baseUrl}/v1/operations/%E0%A4%A`, { headers: { 'x-request-id': 'bad-uri-1' } });
    assert.ok(res.status >= 400 && res.status < 500, String(res.status));
    const lines = linesOf('bad-uri-1');
    assert.equal(lines.length, 1);
    assert.equal(lines[0]!.operation_id, '%E0%A4%A');
    assert.equal((await fetch(`${served.app.baseUrl}/healthz`)).status, 200);
  });

  it('one line per request with the route, the borrower, the operation and both request ids; credentials redacted', async () => {
    const { body } = exampleRequest('create_loan');
    const res = await fetch(`${served.app.baseUrl}/v1/borrowers/B7/loans/L7/create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer lsl_key_very_secret', cookie: 'session=s3cr3t', 'x-request-id': 'trace-42' },
      body: JSON.stringify({ ...(body as object), request_id: 'lender-req-9' }),
    });
    assert.equal(res.status, 202);
    assert.equal(res.headers.get('x-request-id'), 'trace-42');
    const { operation_id } = (await res.json()) as { operation_id: string };
    const lines = linesOf('trace-42');
    assert.equal(lines.length, 1);
    const line = lines[0]!;
    assert.equal(line.level, 'info');
    assert.equal(line.service, 'test');
    assert.equal(line.message, 'POST /v1/borrowers/B7/loans/L7/create 202');
    assert.equal(line.route, '/v1/borrowers/:borrower_id/loans/:loan_id/create');
    assert.equal(line.borrower_id, 'B7');
    assert.equal(line.operation_id, operation_id);
    assert.equal(line.request_id, 'lender-req-9');
    assert.deepEqual(line.res, { statusCode: 202 });
    assert.deepEqual(Object.keys(line.req).sort(), ['headers', 'id', 'method', 'remoteAddress', 'url']);
    assert.equal(typeof line.responseTime, 'number');
    assert.equal(line.req.headers.authorization, '[redacted]');
    assert.equal(line.req.headers.cookie, '[redacted]');
    assert.doesNotMatch(JSON.stringify(served.app.lines), /very_secret|s3cr3t/);

    // Reading it back names the operation too.
    const read = await fetch(`${served.app.baseUrl}/v1/operations/${operation_id}`, { headers: { 'x-request-id': 'trace-43' } });
    assert.equal(read.status, 200);
    assert.equal(linesOf('trace-43')[0]?.operation_id, operation_id);
    assert.equal(linesOf('trace-43')[0]?.route, '/v1/operations/:operation_id');
  });

  it('makes a request id when the caller gives none or an unusable one', async () => {
    const res = await fetch(`${served.app.baseUrl}/healthz`, { headers: { 'x-request-id': 'bad id with spaces and {json}' } });
    const id = res.headers.get('x-request-id');
    assert.match(id ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(linesOf(id!).length, 1);
  });

  it('a 4xx is an info line, not an error; its refusal is not logged again', async () => {
    const res = await fetch(`${served.app.baseUrl}/v1/borrowers/B7/loans/L7/create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'trace-400' },
      body: '{"loan": ',
    });
    assert.equal(res.status, 400);
    const lines = linesOf('trace-400');
    assert.equal(lines.length, 1);
    assert.equal(lines[0]!.level, 'info');
    assert.equal(lines[0]!.res.statusCode, 400);
  });
});

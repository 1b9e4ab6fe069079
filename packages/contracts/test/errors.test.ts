import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import {
  AppError,
  ERROR_CATALOG,
  ERROR_KINDS,
  errorBody,
  errorBodySchema,
  formatIssuePath,
  fromZodError,
  isAppError,
  kindForHttpStatus,
  toAppError,
} from '../src/index.js';

describe('AppError', () => {
  it('serialises to exactly {code, context, error, status}', () => {
    const err = new AppError('not_found', 'Loan L1 not found', { loan_id: 'L1' });
    const body = err.toJSON();
    assert.deepEqual(Object.keys(body), ['code', 'context', 'error', 'status']);
    assert.deepEqual(body, { code: 4040, context: { loan_id: 'L1' }, error: 'Loan L1 not found', status: 'Not Found' });
    assert.deepEqual(JSON.parse(JSON.stringify(err)), body);
    assert.equal(err.httpStatus, 404);
    assert.ok(errorBodySchema.safeParse(body).success);
  });
  it('every kind of the brief exists with its HTTP status and status text', () => {
    const expected: Record<string, [number, string]> = {
      validation_failed: [400, 'Bad Request'],
      malformed_json: [400, 'Bad Request'],
      unauthorized: [401, 'Unauthorized'],
      forbidden: [403, 'Forbidden'],
      not_found: [404, 'Not Found'],
      route_not_found: [404, 'Not Found'],
      conflict: [409, 'Conflict'],
      idempotency_key_in_flight: [409, 'Conflict'],
      payload_too_large: [413, 'Payload Too Large'],
      unsupported_media_type: [415, 'Unsupported Media Type'],
      idempotency_key_reused: [422, 'Unprocessable Entity'],
      internal: [500, 'Internal Server Error'],
    };
    for (const [kind, [status, text]] of Object.entries(expected)) {
      const entry = ERROR_CATALOG[kind as keyof typeof ERROR_CATALOG];
      assert.ok(entry, kind);
      assert.equal(entry.httpStatus, status, kind);
      assert.equal(entry.statusText, text, kind);
    }
  });
  it('codes are unique integers whose family is the HTTP status', () => {
    const codes = ERROR_KINDS.map((k) => ERROR_CATALOG[k].code);
    assert.equal(new Set(codes).size, codes.length);
    for (const k of ERROR_KINDS) {
      assert.ok(Number.isInteger(ERROR_CATALOG[k].code));
      assert.equal(Math.floor(ERROR_CATALOG[k].code / 10), ERROR_CATALOG[k].httpStatus);
    }
  });
  it('errorBody builds the body directly; default messages apply', () => {
    assert.deepEqual(errorBody('payload_too_large'), { code: 4130, context: {}, error: 'The request body is too large', status: 'Payload Too Large' });
    assert.deepEqual(errorBody('conflict', 'Loan already cancelled', { loan_id: 'L' }).context, { loan_id: 'L' });
  });
  it('unknown errors become a 500 without internals', () => {
    const secret = new Error('connect ECONNREFUSED 10.0.0.7:5432 password=hunter2');
    const err = toAppError(secret);
    assert.equal(err.kind, 'internal');
    assert.equal(err.httpStatus, 500);
    const text = JSON.stringify(err);
    assert.ok(!text.includes('hunter2') && !text.includes('ECONNREFUSED') && !text.includes('stack'));
    assert.deepEqual(err.toJSON(), { code: 5000, context: {}, error: 'Internal server error', status: 'Internal Server Error' });
    assert.equal(err.cause, secret);
  });
  it('AppErrors pass through toAppError unchanged', () => {
    const e = new AppError('forbidden');
    assert.equal(toAppError(e), e);
    assert.ok(isAppError(e) && !isAppError(new Error('x')));
  });
  it('kindForHttpStatus maps middleware statuses', () => {
    assert.equal(kindForHttpStatus(413), 'payload_too_large');
    assert.equal(kindForHttpStatus(415), 'unsupported_media_type');
    assert.equal(kindForHttpStatus(418), 'internal');
  });
});

describe('fromZodError', () => {
  it('names each bad field with dots and brackets', () => {
    const schema = z.object({ loan: z.object({ due_dates: z.array(z.iso.datetime({ offset: true })), amount: z.number() }) });
    const r = schema.safeParse({ loan: { due_dates: ['x', '2020-01-01T00:00:00Z', 'y'] } });
    assert.ok(!r.success);
    const err = fromZodError(r.error);
    assert.equal(err.httpStatus, 400);
    assert.equal(err.kind, 'validation_failed');
    const fields = (err.context as { fields: Record<string, string> }).fields;
    assert.deepEqual(Object.keys(fields).sort(), ['loan.amount', 'loan.due_dates[0]', 'loan.due_dates[2]']);
    assert.match(fields['loan.amount'] ?? '', /^Required/);
    assert.match(err.message, /loan\./);
  });
  it('formats paths', () => {
    assert.equal(formatIssuePath([]), 'body');
    assert.equal(formatIssuePath([0, 'loan_id']), 'body[0].loan_id');
    assert.equal(formatIssuePath(['a', 'b c', 2]), 'a["b c"][2]');
    assert.equal(formatIssuePath(['payment_allocations', 1, 'amount']), 'payment_allocations[1].amount');
  });
});

describe('toAppError recognises what middleware throws', () => {
  it('body-parser errors', () => {
    const parse = Object.assign(new SyntaxError('Unexpected token } in JSON at position 12: {"secret":1}'), { type: 'entity.parse.failed', status: 400, expose: true });
    const e = toAppError(parse);
    assert.equal(e.kind, 'malformed_json');
    assert.ok(!JSON.stringify(e).includes('secret'));
    assert.equal(toAppError(Object.assign(new Error('request entity too large'), { type: 'entity.too.large', status: 413, expose: true })).kind, 'payload_too_large');
    assert.equal(toAppError(Object.assign(new Error('unsupported charset'), { type: 'charset.unsupported', status: 415, expose: true })).kind, 'unsupported_media_type');
  });
  it('a ZodError is the 400 naming its fields', () => {
    const r = z.object({ a: z.number() }).safeParse({ a: 'x' });
    assert.ok(!r.success);
    const e = toAppError(r.error);
    assert.equal(e.httpStatus, 400);
    assert.deepEqual(Object.keys((e.context as { fields: object }).fields), ['a']);
  });
  it('a 5xx with expose stays a bare 500', () => {
    assert.equal(toAppError(Object.assign(new Error('db down'), { status: 503, expose: true })).kind, 'internal');
  });
});

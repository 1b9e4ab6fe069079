import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { createLogger, REDACTED, redactHeaders } from '../src/index.js';

function capture() {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { destination, text: () => chunks.join(''), lines: () => chunks.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l)) };
}

describe('createLogger', () => {
  it('writes JSON lines: time, level as a word, service, pid, message, fields', () => {
    const out = capture();
    const logger = createLogger({ service: 'worker', destination: out.destination });
    logger.info({ borrower_id: 'B1' }, 'batch applied');
    logger.error({ err: new Error('boom') }, 'ledger error');
    const [info, error] = out.lines();
    assert.equal(info.level, 'info');
    assert.equal(info.service, 'worker');
    assert.equal(info.pid, process.pid);
    assert.equal(info.message, 'batch applied');
    assert.equal(info.borrower_id, 'B1');
    assert.ok(!Number.isNaN(Date.parse(info.time)));
    assert.equal(error.level, 'error');
    assert.equal(error.err.message, 'boom');
    assert.match(error.err.stack, /boom/);
  });

  it('redacts keys, passwords, webhook secrets and Authorization headers, top level or nested', () => {
    const out = capture();
    const logger = createLogger({ service: 'server', destination: out.destination });
    logger.info(
      {
        secret: 'whsec_top',
        subscription: { id: 'w1', url: 'https://example.test/hook', secret: 'whsec_nested' },
        delivery: { subscription: { secret: 'whsec_deeper' } },
        api_key: 'lsl_live_1',
        key: { apiKey: 'lsl_live_2', token: 'tok' },
        req: { headers: { authorization: 'Bearer lsl_live_3', 'x-api-key': 'lsl_live_4', cookie: 'sid=1', accept: 'application/json' } },
        password: 'pw',
      },
      'subscription created',
    );
    const text = out.text();
    for (const secret of ['whsec_top', 'whsec_nested', 'whsec_deeper', 'lsl_live_1', 'lsl_live_2', 'lsl_live_3', 'lsl_live_4', 'sid=1', '"pw"', '"tok"']) {
      assert.ok(!text.includes(secret), `${secret} leaked: ${text}`);
    }
    const [line] = out.lines();
    assert.equal(line.subscription.secret, REDACTED);
    assert.equal(line.subscription.url, 'https://example.test/hook');
    assert.equal(line.req.headers.authorization, REDACTED);
    assert.equal(line.req.headers.accept, 'application/json');
  });

  it('pretty lines are for people (not JSON); a level hides what is below it', () => {
    const out = capture();
    const logger = createLogger({ service: 'server', pretty: true, destination: out.destination, level: 'warn' });
    logger.info('hidden');
    logger.warn({ secret: 'whsec_x' }, 'shown');
    assert.doesNotMatch(out.text(), /hidden/);
    assert.match(out.text(), /WARN.*shown/);
    assert.doesNotMatch(out.text(), /whsec_x/);
    assert.throws(() => JSON.parse(out.text().trim()));
  });

  it('a request line with its headers censored by redactHeaders, through a child without paths, is the line the full redaction writes', () => {
    const headers: Record<string, unknown> = {
      host: '127.0.0.1:3000',
      authorization: 'Bearer lsl_very_secret',
      'content-type': 'application/json',
      cookie: 'session=s3cr3t',
      'proxy-authorization': 'Basic cHJveHk=',
      'x-api-key': 'lsl_header_key',
      token: 't0k3n',
      secret: 'whsec_hdr',
      password: 'hunter2',
      api_key: 'k3y',
      key_hash: 'abc',
      'x-request-id': 'trace-1',
      'set-cookie': ['a=1', 'b=2'],
      accept: '*/*',
    };
    const line = (h: Record<string, unknown>) => ({
      req: { id: 'trace-1', method: 'POST', url: '/v1/borrowers/B1/payments', headers: h, remoteAddress: '127.0.0.1' },
      res: { statusCode: 202 },
      responseTime: 3,
      route: '/v1/borrowers/:borrower_id/payments',
      borrower_id: 'B1',
      request_id: 'lender-1',
      operation_id: '00000000-0000-4000-8000-000000000000',
    });
    const full = capture();
    createLogger({ service: 'server', destination: full.destination }).info(line(headers), 'POST /v1/borrowers/B1/payments 202');
    const plain = capture();
    createLogger({ service: 'server', destination: plain.destination })
      .child({}, { redact: [] })
      .info(line(redactHeaders(headers)), 'POST /v1/borrowers/B1/payments 202');
    const strip = (text: string) => text.replace(/"time":"[^"]*"/, '');
    assert.equal(strip(plain.text()), strip(full.text()));
    assert.doesNotMatch(plain.text(), /very_secret|s3cr3t|cHJveHk|header_key|t0k3n|whsec_hdr|hunter2|k3y/);
    assert.equal(plain.lines()[0].req.headers.authorization, REDACTED);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bearerToken, generateApiKey, hashApiKey, keyPrefixOf, parseKeyList } from '../src/auth/api-key.js';
import { decideAuthMode, isLoopbackHost } from '../src/auth/auth-mode.js';
import { z } from 'zod';
import { parseEnv } from '@lsl/contracts';
import { apiEnvShape } from '../src/api-env.js';

/** The API variables as every API process parses them (the server, intake, results). */
const parseApiEnv = (env: NodeJS.ProcessEnv) => parseEnv(z.object(apiEnvShape({ port: 3000 })), env);

describe('API key pieces', () => {
  it('a new key is lsl_ and 256 random bits; its hash is sha256 hex; its prefix shows 4 characters of it', () => {
    const a = generateApiKey();
    const b = generateApiKey();
    assert.match(a, /^lsl_[A-Za-z0-9_-]{43}$/);
    assert.notEqual(a, b);
    assert.equal(hashApiKey('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    assert.match(hashApiKey(a), /^[0-9a-f]{64}$/);
    assert.equal(keyPrefixOf(a), a.slice(0, 8));
  });

  it('reads Bearer tokens only', () => {
    assert.equal(bearerToken('Bearer lsl_x'), 'lsl_x');
    assert.equal(bearerToken('bearer   lsl_x'), 'lsl_x');
    for (const bad of [undefined, '', 'Bearer', 'Bearer ', 'Basic abc', 'lsl_x', 'Bearer a b', `Bearer ${'x'.repeat(600)}`]) {
      assert.equal(bearerToken(bad), undefined, String(bad));
    }
  });

  it('API_KEYS is comma-separated, blanks ignored; short or spaced keys stop start-up naming the variable', () => {
    assert.deepEqual(parseKeyList(' a , ,b,'), ['a', 'b']);
    assert.deepEqual(parseKeyList(undefined), []);
    assert.doesNotThrow(() => parseApiEnv({ API_KEYS: `${generateApiKey()},${generateApiKey()}` }));
    assert.throws(() => parseApiEnv({ API_KEYS: 'short' }), /API_KEYS/);
    assert.throws(() => parseApiEnv({ API_KEYS: 'a key with spaces in it' }), /API_KEYS/);
    assert.throws(() => parseApiEnv({ RATE_LIMIT_REQUESTS: '-1' }), /RATE_LIMIT_REQUESTS/);
    assert.throws(() => parseApiEnv({ RATE_LIMIT_STORE: 'memcached' }), /RATE_LIMIT_STORE/);
  });
});

describe('start-up without keys', () => {
  it('tells loopback addresses from the others', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) assert.ok(isLoopbackHost(host), host);
    for (const host of ['0.0.0.0', '::', '10.0.0.1', '192.168.1.2', 'example.com', '128.0.0.1', '']) assert.ok(!isLoopbackHost(host), host);
  });

  it('open only on loopback; any key means keys are required', () => {
    assert.equal(decideAuthMode('127.0.0.1', 0), 'open-on-loopback');
    assert.equal(decideAuthMode('127.0.0.1', 1), 'keyed');
    assert.equal(decideAuthMode('0.0.0.0', 2), 'keyed');
    assert.throws(() => decideAuthMode('0.0.0.0', 0), /refusing to start open on HOST=0\.0\.0\.0/);
  });
});

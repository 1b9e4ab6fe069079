import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseWorkerEnv } from '@lsl/worker';
import { parseServerEnv } from '../src/env.js';

describe('operations settings in the environment', () => {
  it('the dashboard is read-only and requests are logged unless said otherwise', () => {
    const env = parseServerEnv({});
    assert.equal(env.DASHBOARD_READ_ONLY, true);
    assert.equal(env.LOG_REQUESTS, true);
    assert.equal(env.LOG_LEVEL, 'info');
    assert.equal(parseServerEnv({ DASHBOARD_READ_ONLY: 'false' }).DASHBOARD_READ_ONLY, false);
  });

  it('a bad value stops start-up with the variable name', () => {
    assert.throws(() => parseServerEnv({ DASHBOARD_READ_ONLY: 'maybe' }), /DASHBOARD_READ_ONLY/);
    assert.throws(() => parseServerEnv({ LOG_LEVEL: 'loud' }), /LOG_LEVEL/);
    assert.throws(() => parseWorkerEnv({ DATABASE_URL: 'postgres://x', METRICS_PORT: '70000' }), /METRICS_PORT/);
  });

  it('the ledger zone is a real IANA zone for the server and a worker alike', () => {
    assert.throws(() => parseServerEnv({ LEDGER_TIMEZONE: 'Bogota' }), /LEDGER_TIMEZONE/);
    assert.throws(() => parseWorkerEnv({ DATABASE_URL: 'postgres://x', LEDGER_TIMEZONE: 'Bogota' }), /LEDGER_TIMEZONE/);
    assert.equal(parseServerEnv({ LEDGER_TIMEZONE: 'Asia/Tokyo' }).LEDGER_TIMEZONE, 'Asia/Tokyo');
  });

  it('a worker serves metrics only when given a port', () => {
    assert.equal(parseWorkerEnv({ DATABASE_URL: 'postgres://x' }).METRICS_PORT, undefined);
    const env = parseWorkerEnv({ DATABASE_URL: 'postgres://x', METRICS_PORT: '9464' });
    assert.equal(env.METRICS_PORT, 9464);
    assert.equal(env.METRICS_HOST, '127.0.0.1');
  });
});

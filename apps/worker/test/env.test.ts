import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_PARTITIONS, DEFAULT_PREFIX } from '@lsl/queue';
import { parseWorkerEnv } from '../src/env.js';

const BASE = { DATABASE_URL: 'postgres://x' };

describe("a standalone worker's environment", () => {
  it('needs DATABASE_URL, and names it when missing', () => {
    assert.throws(() => parseWorkerEnv({}), /DATABASE_URL/);
  });

  it('defaults to the queues and ledger zone the server uses', () => {
    const env = parseWorkerEnv(BASE);
    assert.equal(env.LEDGER_TIMEZONE, 'America/Bogota');
    assert.equal(env.QUEUE_PARTITIONS, DEFAULT_PARTITIONS);
    assert.equal(env.QUEUE_PREFIX, DEFAULT_PREFIX);
    assert.equal(env.REDIS_URL, undefined);
    assert.equal(parseWorkerEnv({ ...BASE, REDIS_URL: '' }).REDIS_URL, undefined);
    assert.equal(env.WORKER_CONCURRENCY, 2);
    assert.equal(env.LOG_LEVEL, 'info');
  });

  it('takes a real IANA zone and refuses anything else with the variable name', () => {
    assert.equal(parseWorkerEnv({ ...BASE, LEDGER_TIMEZONE: 'Europe/Madrid' }).LEDGER_TIMEZONE, 'Europe/Madrid');
    assert.throws(() => parseWorkerEnv({ ...BASE, LEDGER_TIMEZONE: 'Mars/Olympus_Mons' }), /LEDGER_TIMEZONE: must be an IANA time zone/);
  });

  it('refuses what the server refuses: an empty queue prefix, a bad boolean, no worker slot', () => {
    assert.throws(() => parseWorkerEnv({ ...BASE, QUEUE_PREFIX: '' }), /QUEUE_PREFIX/);
    assert.throws(() => parseWorkerEnv({ ...BASE, WEBHOOKS_ALLOW_PRIVATE: 'maybe' }), /WEBHOOKS_ALLOW_PRIVATE/);
    assert.throws(() => parseWorkerEnv({ ...BASE, WORKER_CONCURRENCY: '0' }), /WORKER_CONCURRENCY/);
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isClusterUrl, parseClusterUrl, queueBackendKind, queueSchemaName, redactUrl } from '../src/index.js';

describe('choosing the queue backend from REDIS_URL', () => {
  it('no REDIS_URL (unset or empty) keeps the queues in Postgres', () => {
    assert.equal(queueBackendKind({}), 'postgres');
    assert.equal(queueBackendKind({ redisUrl: '' }), 'postgres');
  });
  it('redis:// and rediss:// are one Redis; redis-cluster:// and rediss-cluster:// a cluster', () => {
    assert.equal(queueBackendKind({ redisUrl: 'redis://127.0.0.1:6379' }), 'redis');
    assert.equal(queueBackendKind({ redisUrl: 'rediss://cache:6380/0' }), 'redis');
    assert.equal(queueBackendKind({ redisUrl: 'redis-cluster://a:7000,b:7001' }), 'redis-cluster');
    assert.equal(isClusterUrl('rediss-cluster://a:7000'), true);
    assert.equal(isClusterUrl('redis://redis-cluster:6379'), false);
  });
});

describe('parseClusterUrl', () => {
  it('reads the seed nodes, credentials and TLS', () => {
    assert.deepEqual(parseClusterUrl('redis-cluster://10.0.0.1:7000,10.0.0.2:7001,node3'), {
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: '10.0.0.2', port: 7001 },
        { host: 'node3', port: 6379 },
      ],
      username: undefined,
      password: undefined,
      tls: false,
    });
    const secure = parseClusterUrl('rediss-cluster://app:p%40ss@[::1]:7000,h2:7001');
    assert.deepEqual(secure.nodes, [{ host: '::1', port: 7000 }, { host: 'h2', port: 7001 }]);
    assert.equal(secure.username, 'app');
    assert.equal(secure.password, 'p@ss');
    assert.equal(secure.tls, true);
    assert.equal(parseClusterUrl('redis-cluster://:secret@h:1').password, 'secret');
    assert.equal(parseClusterUrl('redis-cluster://:secret@h:1').username, undefined);
  });
  it('refuses what is not a cluster URL, or names no node', () => {
    assert.throws(() => parseClusterUrl('redis://h:6379'), /not a Redis Cluster URL/);
    assert.throws(() => parseClusterUrl('redis-cluster://'), /at least one node/);
    assert.throws(() => parseClusterUrl('redis-cluster://h:port'), /bad Redis Cluster node "h:port"/);
  });
});

describe('queue schema and logged URLs', () => {
  it('the schema is the prefix made an identifier, with _queue', () => {
    assert.equal(queueSchemaName('lsl'), 'lsl_queue');
    assert.equal(queueSchemaName('lsltest-1a2b'), 'lsltest_1a2b_queue');
    assert.equal(queueSchemaName('9lives'), '_9lives_queue');
    assert.match(queueSchemaName('x'.repeat(80)), /^x{57}_queue$/);
  });
  it('passwords never reach the logs', () => {
    assert.equal(redactUrl('postgres://app:s3cret@db:5432/lsl'), 'postgres://app:***@db:5432/lsl');
    assert.equal(redactUrl('redis-cluster://:pw@h:1,h:2'), 'redis-cluster://:***@h:1,h:2');
    assert.equal(redactUrl('redis://h:6379'), 'redis://h:6379');
  });
});

import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '@lsl/db/testing';
import { SharedConnection } from '../src/postgres-backend.js';

let database: TestDatabase;
before(async () => {
  database = await createTestDatabase();
});
after(async () => {
  await database?.drop();
});

it('the Postgres backend’s LISTEN client has an error listener from birth, survives its backend’s termination, and is rebuilt', async () => {
  const connection = new SharedConnection({ connectionString: database.url, schema: 'lsltest_listen_queue', migrate: true, max: 2, application_name: 'lsl-listen-test' });
  connection.on('error', () => {});
  await connection.waitUntilReady();
  try {
    const client = await connection.getListenClient();
    // Ours, attached in the constructor, and BullMQ's, attached once connect() resolved.
    assert.equal((client as unknown as pg.Client).listenerCount('error'), 2);
    const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    await admin.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
    await admin.end();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const again = await connection.getListenClient();
    assert.notEqual(again, client);
    assert.equal((await again.query<{ one: number }>('select 1 as one')).rows[0]!.one, 1);
  } finally {
    await connection.close();
  }
});

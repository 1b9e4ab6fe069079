import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { startSystem, type ApiResponse, type System } from './helpers.js';
import { operationOf, planLoad, sleep, verifyLedger, waitForAllApplied } from './fault-helpers.js';

// The same operation submitted by 20 clients at once (a lender's retry storm, several
// instances of its integration): one operation id for all, one effect in the ledger. By the
// natural key alone, with one shared Idempotency-Key, and with a different key per client.
const CLIENTS = 20;

describe('fault: the same operation from 20 concurrent clients', () => {
  let system: System;
  before(async () => {
    system = await startSystem({ serverWorkerConcurrency: 2, partitions: 4, env: { DATABASE_POOL_SIZE: '10' } });
  });
  after(async () => {
    await system?.stop();
  });

  /** Each client submits once and, like a patient client, retries a 409 "still being processed". */
  async function storm(path: string, body: unknown, headersOf: (client: number) => Record<string, string>): Promise<ApiResponse[]> {
    return Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        for (let attempt = 0; ; attempt++) {
          const res = await system.api.post(path, body, headersOf(client));
          const inFlight = res.status === 409 && res.body?.context?.idempotency_key;
          if (!inFlight) return res;
          assert.ok(attempt < 200, 'the Idempotency-Key stayed "in flight"');
          await sleep(20);
        }
      }),
    );
  }

  async function checkOneEffect(tag: string, headersOf: (client: number, k: number) => Record<string, string>) {
    const plan = planLoad(tag, 1, 2);
    const borrowerId = plan.borrowers[0]!;
    const accepted = new Map<string, string>();
    for (const k of [0, 1]) {
      const { path, body } = operationOf(borrowerId, k);
      const answers = await storm(path, body, (client) => headersOf(client, k));
      for (const res of answers) assert.equal(res.status, 202, JSON.stringify(res.body));
      const ids = new Set(answers.map((r) => r.body.operation_id));
      assert.equal(ids.size, 1, `operation ids: ${[...ids].join(', ')}`);
      const fresh = answers.filter((r) => r.headers.get('idempotent-replayed') !== 'true');
      assert.equal(fresh.length, 1, 'exactly one answer is not a replay');
      accepted.set(`${borrowerId}/${k}`, [...ids][0]);
    }
    await waitForAllApplied(system.databaseUrl, 0, 30_000);
    const client = new pg.Client({ connectionString: system.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query('select count(*)::int as n from operations where borrower_id = $1', [borrowerId]);
      assert.equal(rows[0].n, 2);
    } finally {
      await client.end();
    }
    // One loan, one payment, seq 1 and 2, kordev_ids 1 and 2, applied_seq 2.
    const verdict = await verifyLedger(system.databaseUrl, plan, accepted);
    assert.deepEqual(verdict.problems, []);
  }

  it('by the natural key: one operation, one effect', async () => {
    await checkOneEffect('dup-natural', () => ({}));
  });

  it('with one shared Idempotency-Key: one operation, one effect', async () => {
    const run = Date.now().toString(36);
    await checkOneEffect('dup-key', (_client, k) => ({ 'idempotency-key': `dup-${run}-op${k}` }));
  });

  it('with a different Idempotency-Key per client: the natural key still makes it one operation', async () => {
    const run = Date.now().toString(36);
    await checkOneEffect('dup-keys', (client, k) => ({ 'idempotency-key': `dup-${run}-op${k}-client${client}` }));
  });

  it('an Idempotency-Key claim left without a response (its request died) answers 409, then is taken over once stale', async () => {
    const plan = planLoad('dup-orphan', 1, 1);
    const { path, body } = operationOf(plan.borrowers[0]!, 0);
    const key = { 'idempotency-key': `orphan-${Date.now().toString(36)}` };
    const first = await system.api.post(path, body, key);
    assert.equal(first.status, 202);
    const client = new pg.Client({ connectionString: system.databaseUrl });
    await client.connect();
    try {
      // What a request cut off after its claim committed leaves behind: a claim with no response.
      const orphan = (age: string) =>
        client.query(`update idempotency_keys set response_status = null, response_body = null, response_location = null, created_at = now() - $2::interval where key = $1`, [key['idempotency-key'], age]);
      await orphan('0 seconds');
      const young = await system.api.post(path, body, key);
      assert.equal(young.status, 409, JSON.stringify(young.body));
      await orphan('1 hour');
      const takenOver = await system.api.post(path, body, key);
      assert.equal(takenOver.status, 202, JSON.stringify(takenOver.body));
      assert.equal(takenOver.body.operation_id, first.body.operation_id);
      assert.equal(takenOver.headers.get('idempotent-replayed'), 'true');
      const stored = await system.api.post(path, body, key);
      assert.equal(stored.body.operation_id, first.body.operation_id);
      const { rows } = await client.query('select count(*)::int as n from operations where borrower_id = $1', [plan.borrowers[0]]);
      assert.equal(rows[0].n, 1);
    } finally {
      await client.end();
    }
  });
});

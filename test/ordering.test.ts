import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { createLoanBody, paymentBody, startSystem, type System } from './helpers.js';

// Several worker processes, many borrowers: each borrower's operations apply in acceptance order.
// kordev_id is handed out by the ledger in application order, so a payment accepted k-th gets
// kordev_id k+1 (the loan is 1) only if the borrower's operations were applied in order.
describe('ordering with several workers', () => {
  let system: System;
  before(async () => {
    // No worker in the server: operations pile up first, then three worker processes start.
    system = await startSystem({ serverWorkerConcurrency: 0, partitions: 4 });
  });
  after(async () => {
    await system?.stop();
  });

  it('applies each borrower’s operations in acceptance order', async () => {
    const borrowers = Array.from({ length: 12 }, (_, i) => `B-order-${i}`);
    const paymentsEach = 10;
    await Promise.all(
      borrowers.map(async (b) => {
        const created = await system.api.post(`/v1/borrowers/${b}/loans/L1/create?is_migration=true`, createLoanBody());
        assert.equal(created.status, 202);
        for (let k = 1; k <= paymentsEach; k++) {
          const res = await system.api.post(`/v1/borrowers/${b}/payments/P${k}/create?is_migration=true`, paymentBody(1000 + k, '2024-02-01', `p${k}`));
          assert.equal(res.status, 202, JSON.stringify(res.body));
        }
      }),
    );
    await Promise.all([system.startWorker(), system.startWorker(), system.startWorker()]);

    const client = new pg.Client({ connectionString: system.databaseUrl });
    await client.connect();
    try {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const { rows } = await client.query("select count(*)::int as n from operations where status = 'queued'");
        if (rows[0].n === 0) break;
        assert.ok(Date.now() < deadline, `still pending: ${rows[0].n}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const { rows } = await client.query(
        'select borrower_id, seq, type, status, result_body from operations order by borrower_id, seq',
      );
      assert.equal(rows.length, borrowers.length * (paymentsEach + 1));
      for (const row of rows) {
        assert.equal(row.status, 'succeeded', JSON.stringify(row.result_body));
        // seq k is the k-th accepted; the ledger numbered it k-th applied.
        assert.equal(row.result_body.kordev_id, Number(row.seq), `${row.borrower_id} seq ${row.seq}`);
      }
      const ledgers = await client.query('select borrower_id, applied_seq from borrower_ledgers');
      assert.equal(ledgers.rowCount, borrowers.length);
      for (const l of ledgers.rows) assert.equal(Number(l.applied_seq), paymentsEach + 1);
    } finally {
      await client.end();
    }
  });
});

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import { Webhook } from 'standardwebhooks';
import { EVENT_TYPES } from '@lsl/contracts';
import { startReceiver, type Receiver } from '@lsl/webhooks/testing';
import { deliveryViolations } from './webhook-contract.js';
import { createLoanBody, paymentBody, startSystem, type System } from './helpers.js';
import { signalAndWait, waitFor } from './fault-helpers.js';

// The whole system as processes, webhooks included: events written by the ledger worker in its
// apply transaction reach a real receiver on loopback, signed, in each borrower's order, and
// survive the death of the worker that applied them (the outbox).
const mig = '?is_migration=true';

const transferItem = (borrowerId: string, loanId: string, newOwner: string, requestId: string) => ({
  borrower_id: borrowerId,
  loan_id: loanId,
  occurred_on: '2024-03-01T10:15:20-05:00',
  ownership_transfer: { effective_date: '2024-03-01T00:00:00-05:00', new_owner: newOwner },
  request_id: requestId,
});

let system: System;
let receiver: Receiver;
let secret: string;
let webhookId: string;
let answer: Parameters<typeof startReceiver>[0] = () => ({ status: 204 });
let current: ChildProcess;

describe('webhooks end to end', () => {
  before(async () => {
    receiver = await startReceiver((r, i) => answer!(r, i));
    // No worker in the server: the test decides which worker processes run, and with what.
    system = await startSystem({
      serverWorkerConcurrency: 0,
      env: { WEBHOOKS_ALLOW_PRIVATE: 'true', WEBHOOKS_RETRY_SCHEDULE: '200ms,500ms,1s', WEBHOOKS_POLL_MS: '100', WEBHOOKS_TIMEOUT_MS: '5000' },
    });
    const created = await system.api.post('/v1/webhooks', { url: receiver.url, events: [...EVENT_TYPES], description: 'e2e' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    secret = created.body.secret;
    webhookId = created.body.id;
  });
  after(async () => {
    await system?.stop();
    await receiver?.close();
    // Every delivery the suite received is as the OpenAPI document's `webhooks` declares it.
    assert.deepEqual(deliveryViolations((receiver?.received ?? []).map((r) => r.body)), []);
  });

  it('a worker SIGKILLed after the apply commit: the event is still delivered, by another worker', async () => {
    // Worker A applies but sends no webhooks; it dies right after the operation committed.
    const a: ChildProcess = await system.startWorker({ WEBHOOKS_CONCURRENCY: '0' });
    const res = await system.api.post(`/v1/borrowers/WH-kill/loans/L1/create${mig}`, createLoanBody());
    assert.equal(res.status, 202, JSON.stringify(res.body));
    const op = await system.api.waitForOperation(res.body.operation_id);
    await signalAndWait(a, 'SIGKILL');
    assert.equal(receiver.received.length, 0, 'nobody has sent it yet');
    current = await system.startWorker();
    const [got] = await receiver.waitFor(1, (r) => r.json.type === 'operation.succeeded' && r.json.borrower_id === 'WH-kill');
    const payload = new Webhook(secret).verify(got!.body, got!.headers) as any;
    assert.deepEqual(payload.data, op);
    assert.equal(payload.data.status, 'succeeded');
    assert.equal(payload.data.borrower_id, 'WH-kill');
  });

  it('operation events carry the operation as GET returns it; batch.completed the batch’s 207 body', async () => {
    const ok = await system.api.post(`/v1/borrowers/WH-b1/loans/L1/create${mig}`, createLoanBody(), { prefer: 'wait=20' });
    assert.equal(ok.status, 200);
    const missing = await system.api.post(`/v1/borrowers/WH-b1/loans/NOPE/cancel${mig}`, { loan_cancellation: {}, occurred_on: '2024-02-01T10:00:00-05:00', request_id: 'c' });
    assert.equal(missing.status, 202);
    const batch = await system.api.post(`/v1/borrowers/loans/transfer_ownership${mig}`, [
      transferItem('WH-b1', 'L1', 'BANK_7', 't-ok'),
      transferItem('WH-b2', 'NOPE', 'BANK_7', 't-missing'),
    ]);
    assert.equal(batch.status, 202, JSON.stringify(batch.body));
    const [completed] = await receiver.waitFor(1, (r) => r.json.type === 'batch.completed' && r.json.batch_id === batch.body.batch_id);
    const status = await system.api.get(`/v1/batches/${batch.body.batch_id}`);
    assert.equal(status.status, 207);
    assert.deepEqual(completed!.json.data, status.body);
    assert.equal(completed!.json.borrower_id, null);
    const failed = await system.api.waitForOperation(missing.body.operation_id);
    assert.equal(failed.status, 'failed');
    const [failedEvent] = await receiver.waitFor(1, (r) => r.json.operation_id === missing.body.operation_id && r.json.type === 'operation.failed');
    assert.deepEqual(failedEvent!.json.data, failed);
    // A batch whose every item is refused at intake is complete when it is recorded.
    const refused = await system.api.post(`/v1/borrowers/loans/transfer_ownership${mig}`, [
      { ...transferItem('WH-b3', 'L1', 'BANK_7', 't-bad'), ownership_transfer: { effective_date: 'yesterday', new_owner: 'X' } },
    ]);
    assert.ok(refused.body.batch_id, JSON.stringify(refused.body));
    const [refusedEvent] = await receiver.waitFor(1, (r) => r.json.type === 'batch.completed' && r.json.batch_id === refused.body.batch_id);
    assert.deepEqual(refusedEvent!.json.data, (await system.api.get(`/v1/batches/${refused.body.batch_id}`)).body);
    assert.equal(refusedEvent!.json.data.failed.length, 1);
    // Every delivery is in the log, with its attempt.
    const log = await system.api.get(`/v1/webhooks/${webhookId}/deliveries?limit=100`);
    assert.equal(log.status, 200);
    const entry = log.body.deliveries.find((d: any) => d.id === completed!.headers['webhook-id']);
    assert.equal(entry.event_type, 'batch.completed');
  });

  it('each borrower’s events arrive in the order they were written', async () => {
    const borrowers = ['WH-o1', 'WH-o2', 'WH-o3'];
    await Promise.all(borrowers.map((b) => system.api.post(`/v1/borrowers/${b}/loans/L1/create${mig}`, createLoanBody())));
    const ids: string[] = [];
    for (let k = 1; k <= 6; k++) {
      for (const b of borrowers) {
        const res = await system.api.post(`/v1/borrowers/${b}/payments/P${k}/create${mig}`, paymentBody(1000 + k, '2024-02-01', `${b}-${k}`));
        assert.equal(res.status, 202);
        ids.push(res.body.operation_id);
      }
    }
    for (const id of ids) await system.api.waitForOperation(id);
    const client = new pg.Client({ connectionString: system.databaseUrl });
    await client.connect();
    try {
      for (const b of borrowers) {
        const { rows } = await client.query<{ id: string }>('select id from events where borrower_id = $1 order by position', [b]);
        await receiver.waitFor(rows.length, (r) => r.json.borrower_id === b);
        const arrived = receiver.received.filter((r) => r.json.borrower_id === b).map((r) => r.json.event_id as string);
        assert.deepEqual(arrived, rows.map((r) => r.id), `${b}: arrival order is the log's order, each once`);
      }
    } finally {
      await client.end();
    }
    await waitFor(async () => (await system.api.get(`/v1/webhooks/${webhookId}/deliveries?status=pending`)).body.deliveries.length === 0, 10_000, () => 'pending deliveries left');
  });

  it('a worker SIGKILLed while sending: another sends the delivery again, with the same webhook-id', async () => {
    // The receiver holds the first request of WH-hang open; the sender dies meanwhile.
    answer = (r) => (r.json.borrower_id === 'WH-hang' && receiver.received.filter((x) => x.json.borrower_id === 'WH-hang').length === 1 ? { status: 200, delayMs: 60_000 } : { status: 204 });
    const res = await system.api.post(`/v1/borrowers/WH-hang/loans/L1/create${mig}`, createLoanBody());
    assert.equal(res.status, 202);
    const [first] = await receiver.waitFor(1, (r) => r.json.borrower_id === 'WH-hang');
    await signalAndWait(current, 'SIGKILL');
    current = await system.startWorker();
    // The lease of the dead sender expires (timeout + 15 s); the new worker sends it again.
    const both = await receiver.waitFor(2, (r) => r.json.borrower_id === 'WH-hang', 60_000);
    assert.equal(both[1]!.headers['webhook-id'], first!.headers['webhook-id']);
    assert.equal(both[1]!.json.event_id, first!.json.event_id);
    answer = () => ({ status: 204 });
  });
});

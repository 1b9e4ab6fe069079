import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { createLoanBody, startSystem, workerStartLogs, type System } from './helpers.js';

/** Every JSON line a process writes from now on. */
function collectLines(child: ChildProcess): Array<Record<string, any>> {
  const lines: Array<Record<string, any>> = [];
  let buffer = '';
  child.stdout?.on('data', (d: Buffer) => {
    buffer += d.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const part of parts) {
      try {
        lines.push(JSON.parse(part));
      } catch {
        /* not a log line */
      }
    }
  });
  return lines;
}

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('a worker process on its own: batch log lines, its own metrics port, SIGTERM', () => {
  let system: System;
  let worker: ChildProcess;
  let workerLines: Array<Record<string, any>>;
  let serverLines: Array<Record<string, any>>;
  before(async () => {
    system = await startSystem({ serverWorkerConcurrency: 0, partitions: 2 });
    serverLines = collectLines(system.server);
    worker = await system.startWorker({ METRICS_PORT: '0' });
    workerLines = collectLines(worker);
  });
  after(async () => {
    await system?.stop();
  });

  it('logs one line per applied batch with the borrower, operation and request ids, and counts it on its metrics port', async () => {
    const created = await system.api.post('/v1/borrowers/OB1/loans/L1/create?is_migration=true', createLoanBody({ request_id: 'obs-create' }), { 'x-request-id': 'obs-trace-1' });
    assert.equal(created.status, 202);
    const operation = await system.api.waitForOperation(created.body.operation_id);
    assert.equal(operation.status, 'succeeded');

    const batch = await until('the batch line', () => workerLines.find((l) => l.message === 'batch applied' && l.borrower_id === 'OB1'));
    assert.equal(batch.level, 'info');
    assert.equal(batch.service, 'worker');
    assert.equal(batch.batch_size, 1);
    assert.deepEqual(batch.operations, [{ operation_id: created.body.operation_id, type: 'create_loan', request_id: 'obs-create', seq: 1, outcome: 'succeeded', status_code: 200 }]);

    const request = await until('the request line', () => serverLines.find((l) => l.req?.id === 'obs-trace-1'));
    assert.equal(request.operation_id, created.body.operation_id);
    assert.equal(request.borrower_id, 'OB1');

    const metricsUrl = workerStartLogs.get(worker)?.metrics_url as string;
    assert.match(metricsUrl, /^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const text = await (await fetch(metricsUrl)).text();
    assert.match(text, /^lsl_operations_applied_total\{type="create_loan",outcome="succeeded"\} 1$/m);
    assert.match(text, /^lsl_operation_accept_to_applied_seconds_count\{type="create_loan"\} 1$/m);
    assert.match(text, /^lsl_apply_batch_size_count 1$/m);
    assert.match(text, /^process_resident_memory_bytes /m);
  });

  it('a refused operation is counted as failed', async () => {
    // Cancelling a loan the borrower does not have: accepted at intake, refused by the ledger.
    const cancel = { loan_cancellation: { effective_date: '2024-02-15T00:00:00-05:00' }, occurred_on: '2024-02-15T10:00:00-05:00', request_id: 'obs-cancel' };
    const refused = await system.api.post('/v1/borrowers/OB2/loans/NONE/cancel?is_migration=true', cancel);
    assert.equal(refused.status, 202);
    assert.equal((await system.api.waitForOperation(refused.body.operation_id)).status, 'failed');
    const metricsUrl = workerStartLogs.get(worker)?.metrics_url as string;
    const text = await until('the failed count', async () => {
      const t = await (await fetch(metricsUrl)).text();
      return /lsl_operations_applied_total\{type="cancel_loan",outcome="failed"\} 1/.test(t) ? t : undefined;
    });
    assert.match(text, /^lsl_operations_applied_total\{type="create_loan",outcome="succeeded"\} 1$/m);
  });

  it('the server counts what it accepted and the queue depth by state', async () => {
    const text = await (await fetch(`${system.baseUrl}/metrics`)).text();
    assert.match(text, /^lsl_operations_accepted_total\{type="create_loan"\} 1$/m);
    assert.match(text, /^lsl_queue_jobs\{queue="ledger-p0",state="waiting"\} \d+$/m);
    assert.match(text, /^lsl_queue_jobs\{queue="ledger-p1",state="active"\} \d+$/m);
  });

  it('SIGTERM: the worker and the server stop cleanly (exit 0) and say so', async () => {
    worker.kill('SIGTERM');
    const [workerCode] = await once(worker, 'close');
    assert.equal(workerCode, 0);
    assert.ok(workerLines.some((l) => l.message === 'worker stopped' && l.signal === 'SIGTERM'));
    system.server.kill('SIGTERM');
    const [serverCode] = await once(system.server, 'close');
    assert.equal(serverCode, 0);
    assert.ok(serverLines.some((l) => l.message === 'stopped' && l.signal === 'SIGTERM'));
  });
});

describe('SIGTERM of a server that runs workers in-process (npm start)', () => {
  it('lets its workers finish, closes, says so and exits 0', async () => {
    const system = await startSystem({ serverWorkerConcurrency: 2, partitions: 2 });
    try {
      const lines = collectLines(system.server);
      const created = await system.api.post('/v1/borrowers/OB3/loans/L1/create?is_migration=true', createLoanBody({ request_id: 'obs-inproc' }));
      assert.equal((await system.api.waitForOperation(created.body.operation_id)).status, 'succeeded');
      system.server.kill('SIGTERM');
      const [code, signal] = await once(system.server, 'close');
      assert.deepEqual([code, signal], [0, null]);
      assert.ok(lines.some((l) => l.message === 'batch applied' && l.borrower_id === 'OB3' && l.component === 'worker'));
      assert.ok(lines.some((l) => l.message === 'stopped' && l.signal === 'SIGTERM'));
    } finally {
      await system.stop();
    }
  });
});

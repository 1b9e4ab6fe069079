import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyBatchSize, startMetricsServer, trackQueueDepth, webhookDeliveries } from '../src/index.js';

describe('a worker process metrics listener', () => {
  it('serves this process registry at /metrics and liveness at /healthz, nothing else', async () => {
    webhookDeliveries.inc({ outcome: 'delivered' });
    applyBatchSize.observe(3);
    const listener = await startMetricsServer({ port: 0, host: '127.0.0.1' });
    try {
      const base = `http://127.0.0.1:${listener.port}`;
      const res = await fetch(`${base}/metrics`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /text\/plain/);
      const text = await res.text();
      assert.match(text, /^lsl_webhook_deliveries_total\{outcome="delivered"\} 1$/m);
      assert.match(text, /^lsl_apply_batch_size_bucket\{le="5"\} 1$/m);
      assert.match(text, /^nodejs_eventloop_lag_seconds /m);
      assert.equal((await fetch(`${base}/healthz`)).status, 200);
      assert.equal((await fetch(`${base}/other`)).status, 404);
      assert.equal((await fetch(`${base}/metrics`, { method: 'POST' })).status, 405);
    } finally {
      await listener.close();
    }
  });

  it('a queue that cannot count is left out of lsl_queue_jobs instead of failing the scrape', async () => {
    const untrack = trackQueueDepth([
      { name: 'good', getJobCounts: async () => ({ waiting: 2, active: 1 }) },
      { name: 'broken', getJobCounts: async () => Promise.reject(new Error('redis down')) },
    ]);
    const listener = await startMetricsServer({ port: 0, host: '127.0.0.1' });
    try {
      const text = await (await fetch(`http://127.0.0.1:${listener.port}/metrics`)).text();
      assert.match(text, /^lsl_queue_jobs\{queue="good",state="waiting"\} 2$/m);
      assert.doesNotMatch(text, /queue="broken"/);
      untrack();
      const after = await (await fetch(`http://127.0.0.1:${listener.port}/metrics`)).text();
      assert.doesNotMatch(after, /queue="good"/);
    } finally {
      await listener.close();
    }
  });
});

import client from 'prom-client';
import type { OperationQueues } from '@lsl/queue';

/** Prometheus metrics: process defaults, operations applied, and queue depths read on scrape. */
export function createMetrics(queues: OperationQueues) {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const applied = new client.Counter({
    name: 'lsl_operations_applied_total',
    help: 'Operations applied by the workers of this process, by type and result status code',
    labelNames: ['type', 'status_code'] as const,
    registers: [registry],
  });
  const accepted = new client.Counter({
    name: 'lsl_http_requests_total',
    help: 'HTTP requests answered, by method and status code',
    labelNames: ['method', 'status_code'] as const,
    registers: [registry],
  });
  new client.Gauge({
    name: 'lsl_queue_jobs',
    help: 'Jobs in the partition queues, by state',
    labelNames: ['partition', 'state'] as const,
    registers: [registry],
    async collect() {
      await Promise.all(
        queues.queues.map(async (q, p) => {
          const counts = await q.getJobCounts('waiting', 'active', 'delayed', 'failed');
          for (const [state, n] of Object.entries(counts)) this.set({ partition: String(p), state }, n);
        }),
      );
    },
  });
  return { registry, applied, accepted };
}

export type Metrics = ReturnType<typeof createMetrics>;

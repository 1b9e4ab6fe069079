import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * Every Prometheus metric of the system, in one registry per process (docs/operations.md,
 * "Metrics"). Module-level so any code of the process can count (e.g. the webhook deliverer
 * increments `webhookDeliveries`); `/metrics` of the server, and of a worker's metrics port,
 * render `registry`.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

export const operationsAccepted = new Counter({
  name: 'lsl_operations_accepted_total',
  help: 'Operations recorded at intake (not counting replays of one already recorded), by type',
  labelNames: ['type'] as const,
  registers: [registry],
});

export const operationsApplied = new Counter({
  name: 'lsl_operations_applied_total',
  help: 'Operations the workers of this process finished, by type and outcome (succeeded, or failed: refused by the ledger)',
  labelNames: ['type', 'outcome'] as const,
  registers: [registry],
});

export const acceptToAppliedSeconds = new Histogram({
  name: 'lsl_operation_accept_to_applied_seconds',
  help: 'Time from the 202 (accepted_at) to the commit of the result, by type',
  labelNames: ['type'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
  registers: [registry],
});

export const applyBatchSize = new Histogram({
  name: 'lsl_apply_batch_size',
  help: 'Operations of one borrower applied in one transaction',
  buckets: [1, 2, 5, 10, 25, 50, 100],
  registers: [registry],
});

export const applyJobFailures = new Counter({
  name: 'lsl_apply_job_failures_total',
  help: 'Apply jobs that threw (a database or Redis fault) and will be retried; nothing was committed',
  registers: [registry],
});

export const webhookDeliveries = new Counter({
  name: 'lsl_webhook_deliveries_total',
  help: 'Webhook delivery attempts, by outcome (e.g. delivered, failed, refused)',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

export const httpRequestDuration = new Histogram({
  name: 'lsl_http_request_duration_seconds',
  help: 'HTTP requests by method, route pattern (not the raw URL) and status code',
  labelNames: ['method', 'route', 'status_code'] as const,
  buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [registry],
});

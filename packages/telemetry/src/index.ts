// The public surface of @lsl/telemetry: logs and metrics of every process.
export { createLogger, messageLog, type Logger, type LoggerOptions } from './logger.js';
export { REDACT_PATHS, REDACTED, REDACTED_HEADERS, redactHeaders } from './redact.js';
export {
  registry,
  operationsAccepted,
  operationsApplied,
  acceptToAppliedSeconds,
  applyBatchSize,
  applyJobFailures,
  webhookDeliveries,
  httpRequestDuration,
} from './metrics.js';
export { queueJobs, trackQueueDepth, QUEUE_STATES, type CountableQueue } from './queue-depth.js';
export { startMetricsServer, type MetricsServerOptions } from './metrics-server.js';

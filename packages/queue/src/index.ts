export { partitionOf, partitionQueueName, partitionPrefix, partitionsOfSlot, consumerOfSlot } from './partitions.js';
export { jobCatalog, cappedBackoff, type JobName, type JobPayload } from './job-catalog.js';
export { createRedis, isClusterUrl, parseClusterUrl, redactUrl, type RedisConnectionOptions, type ClusterAddress } from './redis.js';
export { OperationQueues, type OperationQueuesOptions, type BorrowerWork, type EnsureWorkOptions, type EnsureWorkResult } from './operation-queues.js';
export { DEFAULT_PARTITIONS, DEFAULT_PREFIX } from './config.js';
export { queueEnvShape, type QueueEnvDefaults } from './env-shape.js';
export {
  createQueueBackend,
  queueBackendKind,
  type ActiveJob,
  type QueueBackend,
  type QueueBackendKind,
  type QueueBackendSettings,
  type WorkerSettings,
} from './backend.js';
export { queueSchemaName } from './postgres-backend.js';
export { openQueues, type OpenedQueues, type OpenQueuesOptions, type QueueEnv } from './open-queues.js';
export { checkRedis } from './check-redis.js';

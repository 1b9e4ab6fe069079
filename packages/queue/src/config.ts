export interface QueueSettings {
  /** Unset: the queues live in Postgres (see `createQueueBackend`). */
  redisUrl?: string;
  partitions: number;
  prefix: string;
}

export const DEFAULT_PARTITIONS = 8;
export const DEFAULT_PREFIX = 'lsl';

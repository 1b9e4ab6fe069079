export const DEFAULT_PARTITIONS = 8;
export const DEFAULT_PREFIX = 'lsl';

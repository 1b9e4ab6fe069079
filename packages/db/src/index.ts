export type * from './schema.js';
export { createDb, isTransientDbError, isUniqueViolation, type CreateDbOptions } from './create-db.js';
export { migrateToLatest } from './migrate.js';
export * from './repositories/operations.js';
export * from './repositories/ledgers.js';
export * from './repositories/configs.js';
export * from './repositories/idempotency.js';
export * from './repositories/batches.js';

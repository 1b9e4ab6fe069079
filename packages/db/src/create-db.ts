import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export interface CreateDbOptions {
  connectionString: string;
  /** Pool size. */
  max?: number;
  applicationName?: string;
}

const INT8 = 20;

/**
 * Sequence numbers are `bigint` in Postgres and numbers here (2^53 operations per borrower
 * is beyond reach). `numeric` stays a string: money is never a float at this boundary.
 */
const types = {
  getTypeParser(oid: number, format?: any) {
    if (oid === INT8) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

export function createDb(options: CreateDbOptions): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'lsl',
    types,
  });
  // A terminated backend (pg_terminate_backend, a restart) surfaces here on idle clients;
  // without a listener it would crash the process instead of being retried.
  pool.on('error', () => {});
  // A client checked out of the pool has no pool listener: if its backend is terminated between
  // two queries (a transaction waiting on Redis or on the ledger), the 'error' event would be
  // unhandled and kill the process. Its next query fails instead (a transient error, retried),
  // and the pool drops it on release because it is no longer queryable.
  pool.on('connect', (client) => void client.on('error', () => {}));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** Postgres error codes that mean "try again", not "this operation is wrong". */
const TRANSIENT_SQLSTATES = new Set(['40001', '40P01', '57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004', '53300', '55P03']);

export function isTransientDbError(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null;
  if (!e) return false;
  if (e.code && TRANSIENT_SQLSTATES.has(e.code)) return true;
  if (e.code && ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(e.code)) return true;
  const message = e.message ?? '';
  return /Connection terminated|connection timeout|terminating connection|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(message);
}

/**
 * The error of recording an operation with a config version no longer in force (the
 * `lsl_configs_current` guard, migration 0006): resolve the configs again and record again.
 */
export function isStaleConfig(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === 'LSL01';
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string } | null;
  return e?.code === '23505' && (constraint === undefined || e.constraint === constraint);
}

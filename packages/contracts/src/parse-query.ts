import type { z } from 'zod';
import { AppError } from './errors.js';
import { fieldsOf } from './zod-error.js';

/** Reads reach back to 1900: earlier dates mean nothing to a loan ledger (and two-digit years are ambiguous to Date.UTC). */
export const FIRST_READ_DAY = '1900-01-01';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day `YYYY-MM-DD`, from `FIRST_READ_DAY` on. */
export function isCalendarDay(day: string): boolean {
  if (!DAY.test(day) || day < FIRST_READ_DAY) return false;
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}

export interface ParseQueryOptions {
  /** The 400's message; default `Invalid query parameter(s): <names>`. */
  message?: string;
}

/**
 * Validates a read's query (Express `req.query`, strings) with its documented schema (the one
 * the OpenAPI document shows); a bad parameter is the 400 naming it as `query.<name>` in
 * `context.fields` (docs/security.md).
 */
export function parseQuery<S extends z.ZodType>(schema: S, query: unknown, options: ParseQueryOptions = {}): z.output<S> {
  const result = schema.safeParse(query ?? {});
  if (result.success) return result.data;
  const fields = Object.fromEntries(Object.entries(fieldsOf(result.error.issues, 'query')).map(([name, message]) => [name.startsWith('query') ? name : `query.${name}`, message]));
  const names = Object.keys(fields);
  const message = options.message ?? `Invalid query parameter${names.length > 1 ? 's' : ''}: ${names.map((n) => n.slice('query.'.length)).join(', ')}`;
  throw new AppError('validation_failed', message, { fields });
}

export interface ParsePathIdOptions {
  /** The 400's message; default `Invalid <name>: <why>`. */
  message?: string;
  /** What `context.fields` says of the id; default why the schema refused it. */
  fieldMessage?: string;
}

/**
 * A path id (`borrower_id`, `operation_id`...): 1..128 of `[A-Za-z0-9._:-]`, else the 400
 * naming it as `params.<name>`.
 */
export function parsePathId(schema: z.ZodType<string>, name: string, value: unknown, options: ParsePathIdOptions = {}): string {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const why = result.error.issues.map((i) => i.message).join('; ');
  throw new AppError('validation_failed', options.message ?? `Invalid ${name}: ${why}`, { fields: { [`params.${name}`]: options.fieldMessage ?? why } });
}

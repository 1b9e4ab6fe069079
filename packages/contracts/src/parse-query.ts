import type { z } from 'zod';
import { AppError } from './errors.js';
import { fieldsOf } from './zod-error.js';

/**
 * Validates a read's query (Express `req.query`, strings) with its documented schema; a bad
 * parameter is the 400 naming it as `query.<name>` in `context.fields`.
 */
export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.output<S> {
  const result = schema.safeParse(query ?? {});
  if (result.success) return result.data;
  const fields = Object.fromEntries(Object.entries(fieldsOf(result.error.issues, 'query')).map(([name, message]) => [name.startsWith('query') ? name : `query.${name}`, message]));
  const names = Object.keys(fields);
  throw new AppError('validation_failed', `Invalid query parameter${names.length > 1 ? 's' : ''}: ${names.map((n) => n.slice('query.'.length)).join(', ')}`, { fields });
}

/**
 * A path id (`borrower_id`, `operation_id`...): 1..128 of `[A-Za-z0-9._:-]`, else the 400
 * naming it as `params.<name>`.
 */
export function parsePathId(schema: z.ZodType<string>, name: string, value: unknown): string {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const message = result.error.issues.map((i) => i.message).join('; ');
  throw new AppError('validation_failed', `Invalid ${name}: ${message}`, { fields: { [`params.${name}`]: message } });
}

import { z } from 'zod';
import { AppError, kindForHttpStatus } from './errors.js';
import { fromZodError } from './zod-error.js';

export interface ToAppErrorOptions {
  /**
   * Tells a fault worth retrying (database or Redis briefly unreachable): it becomes
   * `service_unavailable` (503), so clients retry instead of giving up on a 500.
   */
  isTransient?: (error: unknown) => boolean;
}

/**
 * The one error mapper: anything thrown → the AppError whose `toJSON()` is the seed error body
 * `{code, context, error, status}` and whose `httpStatus` is the answer's status
 * (docs/security.md, "The protocol"):
 * - an AppError passes through;
 * - a ZodError is the 400 naming its fields;
 * - body-parser / http-errors errors map to their kind — `entity.parse.failed` → malformed_json,
 *   `entity.too.large` → payload_too_large (with the limit), any other 4xx `status` → the kind of
 *   that status — with our own message (theirs may quote the body);
 * - a transient fault (`options.isTransient`) is the 503;
 * - anything else is a bare 500: its message, stack and fields may carry internals (SQL,
 *   hostnames, secrets), so none of it reaches the body; log the original, kept as `cause`.
 */
export function toAppError(err: unknown, options: ToAppErrorOptions = {}): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof z.ZodError) return fromZodError(err);
  if (typeof err === 'object' && err !== null) {
    const e = err as { type?: unknown; status?: unknown; statusCode?: unknown; limit?: unknown };
    if (e.type === 'entity.parse.failed') return new AppError('malformed_json', undefined, {}, { cause: err });
    if (e.type === 'entity.too.large') return new AppError('payload_too_large', undefined, { limit_bytes: e.limit }, { cause: err });
    const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : undefined;
    if (status !== undefined && status >= 400 && status < 500) return new AppError(kindForHttpStatus(status), undefined, {}, { cause: err });
  }
  if (options.isTransient?.(err)) {
    return new AppError('service_unavailable', 'A dependency is briefly unavailable; retry shortly', {}, { cause: err });
  }
  return new AppError('internal', undefined, {}, { cause: err });
}

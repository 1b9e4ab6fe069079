import { z } from 'zod';
import { AppError, kindForHttpStatus } from './errors.js';
import { fromZodError } from './zod-error.js';

/**
 * Anything thrown → an AppError, for the last error handler of every service:
 * - an AppError passes through;
 * - a ZodError is the 400 naming its fields;
 * - body-parser / http-errors errors (`expose: true`, a 4xx `status`) map to their kind —
 *   `entity.parse.failed` → malformed_json, `entity.too.large` → payload_too_large — with our
 *   own message (theirs may quote the body);
 * - anything else is a bare 500: its message, stack and fields may carry internals (SQL,
 *   hostnames, secrets), so none of it reaches the body; log the original, kept as `cause`.
 */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof z.ZodError) return fromZodError(err);
  if (typeof err === 'object' && err !== null) {
    const e = err as { type?: unknown; status?: unknown; statusCode?: unknown; expose?: unknown };
    if (e.type === 'entity.parse.failed') return new AppError('malformed_json', undefined, {}, { cause: err });
    if (e.type === 'entity.too.large') return new AppError('payload_too_large', undefined, {}, { cause: err });
    const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : undefined;
    if (e.expose === true && status !== undefined && status >= 400 && status < 500) {
      return new AppError(kindForHttpStatus(status), undefined, {}, { cause: err });
    }
  }
  return new AppError('internal', undefined, {}, { cause: err });
}

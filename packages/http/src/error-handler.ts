import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, kindForHttpStatus, toAppError } from '@lsl/contracts';

export interface ErrorHandlerOptions {
  /**
   * Tells a fault worth retrying (database or Redis briefly unreachable): answered 503 with
   * `Retry-After`, so clients retry instead of giving up on a 500.
   */
  isTransient?: (error: unknown) => boolean;
  log?: (message: string, fields: Record<string, unknown>) => void;
}

/** Every error leaves as the seed error body; unknown ones as a bare 500, logged, never leaked. */
export function errorHandler(options: ErrorHandlerOptions = {}): ErrorRequestHandler {
  return (err, req, res, _next) => {
    let error: AppError;
    if (err instanceof AppError) {
      error = err;
    } else if (err && typeof err === 'object' && (err as any).type === 'entity.parse.failed') {
      error = new AppError('malformed_json', 'The request body is not valid JSON', { detail: String((err as any).message ?? '') });
    } else if (err && typeof err === 'object' && (err as any).type === 'entity.too.large') {
      error = new AppError('payload_too_large', 'The request body is too large', { limit_bytes: (err as any).limit });
    } else if (err && typeof err === 'object' && typeof (err as any).status === 'number' && (err as any).status < 500) {
      error = new AppError(kindForHttpStatus((err as any).status), undefined, {});
    } else if (options.isTransient?.(err)) {
      error = new AppError('service_unavailable', 'A dependency is briefly unavailable; retry shortly', {});
    } else {
      error = toAppError(err);
    }
    if (error.httpStatus >= 500) {
      options.log?.('request failed', { level: 'error', method: req.method, path: req.path, error: String(err?.stack ?? err) });
    }
    if (res.headersSent) return;
    if (error.kind === 'service_unavailable') res.setHeader('Retry-After', '1');
    res.status(error.httpStatus).json(error.toJSON());
  };
}

export function routeNotFound(): RequestHandler {
  return (req, _res, next) => {
    next(new AppError('route_not_found', `No route for ${req.method} ${req.path}`, { method: req.method, path: req.path }));
  };
}

import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, toAppError, type ToAppErrorOptions } from '@lsl/contracts';

export interface ErrorHandlerOptions extends ToAppErrorOptions {
  log?: (message: string, fields: Record<string, unknown>) => void;
}

/**
 * The last handler of every app: every error leaves as the seed error body, mapped by the one
 * mapper (`toAppError` of @lsl/contracts); a 5xx is logged with the original error, never leaked.
 */
export function errorHandler(options: ErrorHandlerOptions = {}): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const error = toAppError(err, options);
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

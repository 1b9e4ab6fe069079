import type { RequestHandler } from 'express';
import { httpRequestDuration } from '@lsl/telemetry';
import { routePattern } from './route-pattern.js';

/** Observes every request's duration in `lsl_http_request_duration_seconds{method,route,status_code}`. */
export function requestMetrics(): RequestHandler {
  return (req, res, next) => {
    const end = httpRequestDuration.startTimer();
    res.once('finish', () => end({ method: req.method, route: routePattern(req), status_code: String(res.statusCode) }));
    next();
  };
}

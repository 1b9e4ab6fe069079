import express, { type Express, type RequestHandler, type Router } from 'express';
import type { Logger } from '@lsl/telemetry';
import { errorHandler, routeNotFound } from './error-handler.js';
import { jsonBody } from './json-body.js';
import { methodNotAllowed } from './method-not-allowed.js';
import { createOpsRouter } from './ops-routes.js';
import type { ReadinessCheck } from './readiness.js';
import { requestLogger } from './request-logger.js';
import { requestMetrics } from './request-metrics.js';

export interface ApiAppOptions {
  logger: Logger;
  /** Middleware before everything else, which sees every answer (the end-to-end tests' response checker). */
  first?: RequestHandler[];
  /** One log line per request (default true). */
  logRequests?: boolean;
  /** `/readyz`'s checks, by name (docs/operations.md). */
  readiness: Record<string, ReadinessCheck>;
  /** Routes outside `/v1` (docs, dashboard), mounted after the ops routes. */
  pages?: Array<(app: Express) => void>;
  /** Runs before every `/v1` route: API key and rate limit (`startApiAuth`). */
  apiAuth?: RequestHandler;
  bodyLimit: string;
  /** The API's routers, in order. */
  routers: Router[];
  /** Whether an error is the database's passing trouble (answered 503, not 500). */
  isTransient?: (error: unknown) => boolean;
}

/**
 * One service's HTTP app, built the same way by every process that answers the API (the server
 * with every router, intake or results on their own): metrics and the request log, `/healthz`,
 * `/readyz`, `/metrics`, then `/v1` behind the API key, the routers, and the seed-shaped 404,
 * 405 and error answers.
 */
export function createApiApp(options: ApiAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  const { logger } = options;
  for (const handler of options.first ?? []) app.use(handler);
  app.use(requestMetrics());
  if (options.logRequests !== false) app.use(requestLogger(logger));
  app.use(createOpsRouter(options.readiness));
  for (const mount of options.pages ?? []) mount(app);
  if (options.apiAuth) app.use('/v1', options.apiAuth);
  app.use('/v1', jsonBody({ limit: options.bodyLimit }));
  for (const router of options.routers) app.use(router);
  app.use(methodNotAllowed(() => app.router.stack));
  app.use(routeNotFound());
  app.use(errorHandler({ log: (message, { level: _level, ...fields }) => logger.error(fields, message), isTransient: options.isTransient }));
  return app;
}

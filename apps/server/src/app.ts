import express, { type Express, type RequestHandler } from 'express';
import type { Kysely } from 'kysely';
import type { Queue } from 'bullmq';
import { buildOpenApiDocument } from '@lsl/contracts';
import { assertMigrationsApplied, isTransientDbError, pingDatabase, type AppliedListener, type Database } from '@lsl/db';
import { errorHandler, jsonBody, methodNotAllowed, requestLogger, requestMetrics, routeNotFound } from '@lsl/http';
import { createIntakeRouter } from '@lsl/intake-api';
import type { OperationQueues } from '@lsl/queue';
import { createResultsRouter } from '@lsl/results-api';
import type { Logger } from '@lsl/telemetry';
import { createWebhooksRouter, type HostPolicy } from '@lsl/webhooks';
import { createDashboard, DASHBOARD_PATH, type DashboardOptions } from './dashboard.js';
import { createDocsRouter } from './docs-page.js';
import { createOpsRouter } from './ops-routes.js';
import type { ReadinessCheck } from './readiness.js';

export interface AppOptions {
  db: Kysely<Database>;
  queues: OperationQueues;
  timeZone: string;
  logger: Logger;
  dashboard: DashboardOptions;
  /**
   * Every queue of the system, for the dashboard. Default: the partition queues; a process with
   * more queues (webhooks) lists them all here (and gives them to `trackQueueDepth`).
   */
  monitoredQueues?: Queue[];
  bodyLimit: string;
  /** `/readyz`'s check of the queue backend (`QueueBackend.ping`: Redis, Redis Cluster or Postgres). */
  checkQueueBackend: ReadinessCheck;
  /** One log line per request (default true). */
  logRequests?: boolean;
  /** Runs before every `/v1` route: API key and rate limit (auth/require-api-key.ts). */
  apiAuth?: RequestHandler;
  /** Wakes `Prefer: wait` requests (see @lsl/intake-api). */
  appliedListener?: AppliedListener;
  /** Which hosts a webhook subscription may name (docs/webhooks.md); default: public ones only. */
  webhooks?: { hostPolicy: HostPolicy };
}

/** Every route on one port: the API (intake and results), dashboard, metrics, health, docs. */
export function createApp(options: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  const { logger } = options;
  const log = (message: string, fields?: Record<string, unknown>) => logger.warn(fields ?? {}, message);

  app.use(requestMetrics());
  if (options.logRequests !== false) app.use(requestLogger(logger));

  app.use(createOpsRouter({
    postgres: () => pingDatabase(options.db),
    queue: options.checkQueueBackend,
    migrations: () => assertMigrationsApplied(options.db),
  }));

  const openApi = buildOpenApiDocument();
  app.get('/openapi.json', (_req, res) => void res.json(openApi));
  app.use(createDocsRouter());

  const dashboard = createDashboard(options.monitoredQueues ?? options.queues.queues, options.dashboard, options.db);
  app.use(DASHBOARD_PATH, dashboard.auth, ...dashboard.handlers);

  if (options.apiAuth) app.use('/v1', options.apiAuth);
  app.use('/v1', jsonBody({ limit: options.bodyLimit }));
  app.use(createIntakeRouter({ db: options.db, queues: options.queues, timeZone: options.timeZone, log, appliedListener: options.appliedListener }));
  app.use(createResultsRouter({ db: options.db, ledger: { timeZone: options.timeZone } }));
  app.use(createWebhooksRouter({ db: options.db, hostPolicy: options.webhooks?.hostPolicy ?? { allowPrivate: false } }));

  app.use(methodNotAllowed(() => app.router.stack));
  app.use(routeNotFound());
  app.use(errorHandler({ log: (message, { level: _level, ...fields }) => logger.error(fields, message), isTransient: isTransientDbError }));
  return app;
}

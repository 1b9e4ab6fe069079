import type { Express, RequestHandler } from 'express';
import type { Kysely } from 'kysely';
import type { Queue } from 'bullmq';
import { buildOpenApiDocument } from '@lsl/contracts';
import { assertMigrationsApplied, isTransientDbError, pingDatabase, type AppliedListener, type Database } from '@lsl/db';
import { createApiApp, type ReadinessCheck } from '@lsl/http';
import { createIntakeRouter } from '@lsl/intake-api';
import type { OperationQueues } from '@lsl/queue';
import { createResultsRouter } from '@lsl/results-api';
import type { Logger } from '@lsl/telemetry';
import { createWebhooksRouter, type HostPolicy } from '@lsl/webhooks';
import { createDashboard, DASHBOARD_PATH, type DashboardOptions } from './dashboard.js';
import { createDocsRouter } from './docs-page.js';

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

/**
 * Every route on one port: the API (intake, results and webhook subscriptions), dashboard,
 * metrics, health, docs. Intake and results also run on their own (`apps/intake-api/src/main.ts`,
 * `apps/results-api/src/main.ts`), each app built by the same `createApiApp`.
 */
export function createApp(options: AppOptions): Express {
  const { logger } = options;
  const log = (message: string, fields?: Record<string, unknown>) => logger.warn(fields ?? {}, message);
  const openApi = buildOpenApiDocument();
  const dashboard = createDashboard(options.monitoredQueues ?? options.queues.queues, options.dashboard);
  return createApiApp({
    logger,
    logRequests: options.logRequests,
    readiness: {
      postgres: () => pingDatabase(options.db),
      queue: options.checkQueueBackend,
      migrations: () => assertMigrationsApplied(options.db),
    },
    pages: [
      (app) => app.get('/openapi.json', (_req, res) => void res.json(openApi)),
      (app) => app.use(createDocsRouter()),
      (app) => app.use(DASHBOARD_PATH, dashboard.auth, dashboard.router),
    ],
    apiAuth: options.apiAuth,
    bodyLimit: options.bodyLimit,
    routers: [
      createIntakeRouter({ db: options.db, queues: options.queues, timeZone: options.timeZone, log, appliedListener: options.appliedListener }),
      createResultsRouter({ db: options.db, ledger: { timeZone: options.timeZone } }),
      createWebhooksRouter({ db: options.db, hostPolicy: options.webhooks?.hostPolicy ?? { allowPrivate: false } }),
    ],
    isTransient: isTransientDbError,
  });
}

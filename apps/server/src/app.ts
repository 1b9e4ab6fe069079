import express, { type Express } from 'express';
import { sql, type Kysely } from 'kysely';
import { buildOpenApiDocument } from '@lsl/contracts';
import { isTransientDbError, type Database } from '@lsl/db';
import { errorHandler, jsonBody, routeNotFound } from '@lsl/http';
import { createIntakeRouter } from '@lsl/intake-api';
import type { OperationQueues } from '@lsl/queue';
import { createResultsRouter } from '@lsl/results-api';
import { createWebhooksRouter, type HostPolicy } from '@lsl/webhooks';
import type { Queue } from 'bullmq';
import { createDashboard, DASHBOARD_PATH } from './dashboard.js';
import type { Metrics } from './metrics.js';

export interface AppOptions {
  db: Kysely<Database>;
  queues: OperationQueues;
  timeZone: string;
  metrics: Metrics;
  dashboard: { user: string; password: string };
  bodyLimit: string;
  log: (message: string, fields?: Record<string, unknown>) => void;
  pingRedis: () => Promise<unknown>;
  /** The webhook queue (shown on the dashboard) and which hosts subscriptions may name. */
  webhooks: { queue: Queue; hostPolicy: HostPolicy };
}

/** Every route on one port: the API (intake and results), dashboard, metrics, health, docs. */
export function createApp(options: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');

  app.use((req, res, next) => {
    res.on('finish', () => options.metrics.accepted.inc({ method: req.method, status_code: String(res.statusCode) }));
    next();
  });

  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/readyz', async (_req, res) => {
    const checks: Record<string, string> = {};
    await sql`select 1`.execute(options.db).then(() => (checks.postgres = 'ok'), (e) => (checks.postgres = String(e.message ?? e)));
    await options
      .pingRedis()
      .then(() => (checks.redis = 'ok'), (e) => (checks.redis = String(e?.message ?? e)));
    const ready = Object.values(checks).every((v) => v === 'ok');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks });
  });
  app.get('/metrics', async (_req, res) => {
    res.setHeader('Content-Type', options.metrics.registry.contentType);
    res.send(await options.metrics.registry.metrics());
  });

  const openApi = buildOpenApiDocument();
  app.get('/openapi.json', (_req, res) => void res.json(openApi));
  app.get('/docs', (_req, res) => void res.type('html').send(docsPage()));

  const dashboard = createDashboard([...options.queues.queues, options.webhooks.queue], options.dashboard);
  app.use(DASHBOARD_PATH, dashboard.auth, dashboard.router);

  app.use('/v1', jsonBody({ limit: options.bodyLimit }));
  app.use(createIntakeRouter({ db: options.db, queues: options.queues, timeZone: options.timeZone, log: options.log }));
  app.use(createResultsRouter({ db: options.db, ledger: { timeZone: options.timeZone } }));
  app.use(createWebhooksRouter({ db: options.db, hostPolicy: options.webhooks.hostPolicy }));

  app.use(routeNotFound());
  app.use(errorHandler({ log: options.log, isTransient: isTransientDbError }));
  return app;
}

/** The API browsable: Redoc's standalone page over /openapi.json. */
function docsPage(): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Loan-servicing ledger API</title></head>
<body><redoc spec-url="/openapi.json"></redoc>
<noscript>The machine-readable description is at <a href="/openapi.json">/openapi.json</a>.</noscript>
<script src="https://cdn.redoc.ly/redoc/latest/bundles/redoc.standalone.js"></script></body></html>`;
}

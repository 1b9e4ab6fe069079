import { assertMigrationsApplied, createDb, isTransientDbError, pingDatabase } from '@lsl/db';
import { createApiApp, listen, runService, startApiAuth, stopListening } from '@lsl/http';
import { createLogger, messageLog } from '@lsl/telemetry';
import { createWebhooksRouter } from '@lsl/webhooks';
import { parseResultsEnv } from './env.js';
import { createResultsRouter } from './routes.js';

// Results on their own: `node apps/results-api/dist/main.js`, the reads of /v1 (operations,
// batches, get_status, get_history, get_events, simulations, configs) and the webhook
// subscriptions on PORT (default 3002), behind the API key. Scale it apart from intake and
// workers (docker-compose.yml). It writes no migration: /readyz says when they are missing.
const logger = createLogger({ service: 'results' });
const log = messageLog(logger);

runService(logger, async () => {
  const env = parseResultsEnv(process.env);
  logger.level = env.LOG_LEVEL;
  const db = createDb({ connectionString: env.DATABASE_URL, max: env.DATABASE_POOL_SIZE, applicationName: 'lsl-results' });
  const apiAuth = await startApiAuth(db, env, log);
  const app = createApiApp({
    logger,
    logRequests: env.LOG_REQUESTS,
    readiness: { postgres: () => pingDatabase(db), migrations: () => assertMigrationsApplied(db) },
    apiAuth: apiAuth.handler,
    bodyLimit: env.BODY_LIMIT,
    routers: [
      createResultsRouter({ db, ledger: { timeZone: env.LEDGER_TIMEZONE } }),
      createWebhooksRouter({ db, hostPolicy: { allowPrivate: env.WEBHOOKS_ALLOW_PRIVATE, dnsServers: env.WEBHOOKS_DNS_SERVERS } }),
    ],
    isTransient: isTransientDbError,
  });
  const { server, url } = await listen(app, env.PORT, env.HOST);
  logger.info({ url, api_keys: apiAuth.mode === 'keyed' ? 'required' : 'open until a key exists' }, 'listening');
  return async () => {
    await stopListening(server);
    apiAuth.close();
    await db.destroy();
  };
});

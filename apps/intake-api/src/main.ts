import { createAppliedListener, createDb, assertMigrationsApplied, isTransientDbError, pingDatabase } from '@lsl/db';
import { createApiApp, listen, runService, startApiAuth, stopListening } from '@lsl/http';
import { checkRedis, openQueues, OperationQueues } from '@lsl/queue';
import { createLogger, messageLog } from '@lsl/telemetry';
import { parseIntakeEnv } from './env.js';
import { prepareDatabase } from './prepare-database.js';
import { createIntakeRouter } from './routes.js';

// Intake on its own: `node apps/intake-api/dist/main.js`, the POST routes of /v1 on PORT
// (default 3001), behind the API key. Scale it apart from results and workers (docker-compose.yml).
const logger = createLogger({ service: 'intake' });
const log = messageLog(logger);

runService(logger, async () => {
  const env = parseIntakeEnv(process.env);
  logger.level = env.LOG_LEVEL;
  if (env.REDIS_URL) await checkRedis(env.REDIS_URL);
  const db = createDb({ connectionString: env.DATABASE_URL, max: env.DATABASE_POOL_SIZE, applicationName: 'lsl-intake' });
  await prepareDatabase(db);
  const apiAuth = await startApiAuth(db, env, log);
  const opened = await openQueues(env, { databaseUrl: env.DATABASE_URL, applicationName: 'lsl-intake-queue' });
  const queues = new OperationQueues(opened);
  const appliedListener = createAppliedListener(env.DATABASE_URL, log);
  const app = createApiApp({
    logger,
    logRequests: env.LOG_REQUESTS,
    readiness: { postgres: () => pingDatabase(db), queue: () => opened.backend.ping(), migrations: () => assertMigrationsApplied(db) },
    apiAuth: apiAuth.handler,
    bodyLimit: env.BODY_LIMIT,
    routers: [createIntakeRouter({ db, queues, timeZone: env.LEDGER_TIMEZONE, log, appliedListener })],
    isTransient: isTransientDbError,
  });
  const { server, url } = await listen(app, env.PORT, env.HOST);
  logger.info({ url, queues: opened.backend.kind, partitions: env.QUEUE_PARTITIONS, api_keys: apiAuth.mode === 'keyed' ? 'required' : 'open until a key exists' }, 'listening');
  return async () => {
    await stopListening(server);
    await appliedListener.close();
    await queues.close();
    await opened.backend.close();
    apiAuth.close();
    await db.destroy();
  };
});

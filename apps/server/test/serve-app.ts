import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import { after, before } from 'node:test';
import type { Kysely } from 'kysely';
import { CONFIG_KINDS, DEFAULT_CONFIG_ID, DEFAULT_CONFIGS } from '@lsl/contracts';
import { createDb, ensureConfigs, type Database } from '@lsl/db';
import { createTestDatabase, type TestDatabase } from '@lsl/db/testing';
import { createQueueBackend, OperationQueues } from '@lsl/queue';
import { createLogger, trackQueueDepth } from '@lsl/telemetry';
import { createApp, type AppOptions } from '../src/app.js';

/** The queues on the shared Redis, or (QUEUE_BACKEND=postgres, as `npm test` runs without a Redis) in the test database. */
const QUEUE_REDIS_URL = process.env.QUEUE_BACKEND === 'postgres' ? undefined : (process.env.REDIS_URL || 'redis://127.0.0.1:6379');

export interface ServedApp {
  baseUrl: string;
  db: Kysely<Database>;
  queues: OperationQueues;
  /** Every log line the app wrote, parsed. */
  lines: Array<Record<string, any>>;
  prefix: string;
  close(): Promise<void>;
}

/**
 * Hooks for the current suite: before it, a fresh test database and the app served on it; after
 * it, both gone. Read `app` and `databaseUrl` inside the tests.
 */
export function serveAppPerSuite(): { readonly app: ServedApp; readonly databaseUrl: string } {
  let database: TestDatabase | undefined;
  let app: ServedApp | undefined;
  before(async () => {
    database = await createTestDatabase();
    app = await serveApp(database.url);
  });
  after(async () => {
    await app?.close();
    await database?.drop();
  });
  return {
    get app() { return app!; },
    get databaseUrl() { return database!.url; },
  };
}

/** The real app (real Postgres and Redis) on a free port, its log lines captured. */
export async function serveApp(databaseUrl: string, overrides: Partial<AppOptions> = {}, extraQueues: string[] = []): Promise<ServedApp> {
  const db = createDb({ connectionString: databaseUrl, max: 4 });
  await ensureConfigs(db, CONFIG_KINDS.map((kind) => ({ kind, id: DEFAULT_CONFIG_ID, body: { ...DEFAULT_CONFIGS[kind] } })));
  const prefix = `lsltest-ops-${randomBytes(4).toString('hex')}`;
  const backend = await createQueueBackend({ redisUrl: QUEUE_REDIS_URL, databaseUrl, prefix, poolSize: 2 });
  const queues = new OperationQueues({ backend, partitions: 2, prefix });
  const others = extraQueues.map((name) => backend.createQueue(name, prefix));
  const lines: Array<Record<string, any>> = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line.trim()) lines.push(JSON.parse(line));
      done();
    },
  });
  const untrack = trackQueueDepth([...queues.queues, ...others]);
  const app = createApp({
    db,
    queues,
    timeZone: 'America/Bogota',
    logger: createLogger({ service: 'test', destination }),
    dashboard: { user: 'admin', password: 'pw', readOnly: true },
    monitoredQueues: [...queues.queues, ...others],
    bodyLimit: '1mb',
    checkQueueBackend: () => backend.ping(),
    ...overrides,
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    db,
    queues,
    lines,
    prefix,
    async close() {
      untrack();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await Promise.all(others.map((q) => q.obliterate({ force: true }).then(() => q.close())));
      await Promise.all(queues.queues.map((q) => q.obliterate({ force: true })));
      await queues.close();
      await backend.close();
      await db.destroy();
    },
  };
}

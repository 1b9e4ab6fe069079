import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createQueueBackend } from '@lsl/queue';
import type { Kysely } from 'kysely';
import { cleanRedisPrefix, QUEUE_REDIS_URL } from '../../../test/helpers.js';
import { createDb, insertEvents, type Database, type EventInput } from '@lsl/db';
import { createTestDatabase, type TestDatabase } from '@lsl/db/testing';
import { errorHandler, jsonBody, routeNotFound } from '@lsl/http';
import { createWebhooksRouter, startWebhookWorker, type DeliveryPolicy, type RunningWebhookWorker } from '../src/index.js';


export interface Harness {
  db: Kysely<Database>;
  api: {
    request(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  };
  worker: RunningWebhookWorker;
  /** Appends events to the outbox, as the ledger worker does in its apply transaction. */
  emit(events: EventInput[]): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The webhook side on its own, for real: a test database, the /v1/webhooks routes on a loopback
 * port, and a webhook worker (relay, dispatcher, BullMQ worker on a test prefix of the shared
 * Redis) with a fast retry schedule.
 */
export async function startHarness(policy: Partial<DeliveryPolicy>): Promise<Harness> {
  const database: TestDatabase = await createTestDatabase();
  const db = createDb({ connectionString: database.url, max: 8 });
  const prefix = `lslwh-${randomBytes(4).toString('hex')}`;
  const app = express();
  app.use('/v1', jsonBody());
  app.use(createWebhooksRouter({ db, hostPolicy: { allowPrivate: policy.allowPrivate ?? true } }));
  app.use(routeNotFound());
  app.use(errorHandler({ log: (message, fields) => console.error(message, fields) }));
  const server: Server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The queue backend of the run (QUEUE_BACKEND): the shared Redis, or this test's database.
  const backend = await createQueueBackend({ redisUrl: QUEUE_REDIS_URL, databaseUrl: database.url, prefix, poolSize: 2 });
  const worker = await startWebhookWorker({
    db,
    backend,
    prefix,
    concurrency: 4,
    pollMs: 50,
    policy: { allowPrivate: true, timeoutMs: 2000, retryScheduleMs: [100, 200, 300], jitter: 0.1, ...policy },
  });
  return {
    db,
    worker,
    api: {
      async request(method, path, body) {
        const res = await fetch(`${base}${path}`, {
          method,
          headers: body === undefined ? {} : { 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await res.text();
        return { status: res.status, body: text ? JSON.parse(text) : null };
      },
    },
    emit: (events) => insertEvents(db, events),
    async stop() {
      await worker.close();
      await backend.close();
      server.closeAllConnections();
      server.close();
      await db.destroy();
      await database.drop();
      if (QUEUE_REDIS_URL) await cleanRedisPrefix(prefix);
    },
  };
}

/** An operation-like event of `borrower`, numbered `n` in its payload. */
export function event(type: string, borrower: string | null, n: number): EventInput {
  return { type, borrower_id: borrower, payload: { n, borrower } };
}

/** Polls until `check` returns something truthy. */
export async function eventually<T>(check: () => Promise<T | undefined | false | null>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Webhook delivery throughput and latency, the webhook side on its own (no ledger):
 *
 *   node --conditions=source --import tsx scripts/bench-webhooks.ts [--events 2000] [--borrowers 50] [--concurrency 8]
 *
 * A fresh test database, one subscription to a real receiver on loopback, a webhook worker
 * (relay, dispatcher, BullMQ queue on the test Redis). Events are appended to the outbox in
 * batches of one per borrower, as apply transactions would; it prints deliveries per second and
 * the delay from an event's insert to its arrival (p50/p95/p99). Figures only, no assertion.
 */
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { createQueueBackend } from '@lsl/queue';
import { createDb, insertEvents } from '@lsl/db';
import { createTestDatabase } from '@lsl/db/testing';
import { startWebhookWorker } from '@lsl/webhooks';
import { startReceiver } from '@lsl/webhooks/testing';

const { values } = parseArgs({
  options: { events: { type: 'string', default: '2000' }, borrowers: { type: 'string', default: '50' }, concurrency: { type: 'string', default: '8' } },
});
const total = Number(values.events);
const borrowers = Number(values.borrowers);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const database = await createTestDatabase();
const db = createDb({ connectionString: database.url, max: 10 });
const prefix = `lslbench-${randomBytes(4).toString('hex')}`;
const arrivedAt = new Map<number, number>();
const receiver = await startReceiver((r) => {
  if (!arrivedAt.has(r.json.data.n)) arrivedAt.set(r.json.data.n, performance.now());
  return { status: 204 };
});
await db.insertInto('webhook_subscriptions').values({ id: crypto.randomUUID(), url: receiver.url, events: ['operation.succeeded'], secret: `whsec_${randomBytes(32).toString('base64')}`, description: null }).execute();
const backend = await createQueueBackend({ redisUrl: REDIS_URL, prefix });
const worker = await startWebhookWorker({ db, backend, prefix, concurrency: Number(values.concurrency), pollMs: 100, policy: { allowPrivate: true } });
try {
  const insertedAt = new Map<number, number>();
  const started = performance.now();
  for (let i = 0; i < total; i += borrowers) {
    const batch = Array.from({ length: Math.min(borrowers, total - i) }, (_, b) => ({ type: 'operation.succeeded', borrower_id: `bench-${b}`, payload: { n: i + b } }));
    await insertEvents(db, batch);
    const now = performance.now();
    for (const e of batch) insertedAt.set(e.payload.n, now);
  }
  const inserted = performance.now() - started;
  await receiver.waitFor(total, () => true, 600_000);
  const end = performance.now();
  const delays = [...insertedAt].map(([n, at]) => arrivedAt.get(n)! - at).sort((a, b) => a - b);
  const pct = (p: number) => Math.round(delays[Math.min(delays.length - 1, Math.floor((p / 100) * delays.length))]!);
  console.log(
    JSON.stringify({
      events: total,
      borrowers,
      insert_ms: Math.round(inserted),
      total_ms: Math.round(end - started),
      deliveries_per_s: Math.round((total * 1000) / (end - started)),
      delay_ms: { p50: pct(50), p95: pct(95), p99: pct(99) },
      requests: receiver.received.length,
    }),
  );
} finally {
  await worker.close();
  await backend.close();
  await receiver.close();
  await db.destroy();
  await database.drop();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
}

// (a) The floor: bare BullMQ plus one Postgres commit per job, on the same Redis and Postgres
// as the pipeline. Jobs are added in bulk while a worker (in this process) takes them, each
// inserting one row in its own transaction: the least any design can do per operation with one
// job and one commit.
import { randomBytes } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import pg from 'pg';
import { createTestDatabase } from '@lsl/db/testing';
import { createRedis } from '@lsl/queue';
import { cleanRedisPrefix, REDIS_URL } from '../test/helpers.js';
import { round } from './stats.js';

export interface FloorOptions {
  jobs: number;
  concurrency: number;
}

export interface FloorFigures {
  jobs: number;
  concurrency: number;
  jobsPerSecond: number;
}

export async function runFloor(options: FloorOptions): Promise<FloorFigures> {
  const database = await createTestDatabase();
  const prefix = `lslbench-floor-${randomBytes(4).toString('hex')}`;
  const pool = new pg.Pool({ connectionString: database.url, max: 10 });
  const producer = createRedis({ url: REDIS_URL });
  const consumer = createRedis({ url: REDIS_URL, forWorker: true });
  await pool.query('create table floor_jobs (id text primary key, done_at timestamptz not null default now())');
  const queue = new Queue('floor', { connection: producer, prefix });
  let done = 0;
  let finished!: () => void;
  const allDone = new Promise<void>((resolve) => (finished = resolve));
  const worker = new Worker(
    'floor',
    async (job) => {
      await pool.query('insert into floor_jobs (id) values ($1)', [job.id]);
    },
    { connection: consumer, prefix, concurrency: options.concurrency, autorun: true },
  );
  worker.on('completed', () => {
    if (++done === options.jobs) finished();
  });
  try {
    const started = performance.now();
    for (let i = 0; i < options.jobs; i += 500) {
      const n = Math.min(500, options.jobs - i);
      await queue.addBulk(Array.from({ length: n }, (_, k) => ({ name: 'job', data: { i: i + k }, opts: { jobId: `j${i + k}`, removeOnComplete: { count: 10_000 } } })));
    }
    await allDone;
    const seconds = (performance.now() - started) / 1000;
    return { jobs: options.jobs, concurrency: options.concurrency, jobsPerSecond: round(options.jobs / seconds, 0) };
  } finally {
    await worker.close();
    await queue.close();
    producer.disconnect();
    consumer.disconnect();
    await pool.end();
    await cleanRedisPrefix(prefix);
    await database.drop();
  }
}

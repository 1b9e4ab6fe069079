import {
  PostgresConnection,
  PostgresQueueBackend,
  Queue,
  quoteSchemaName,
  Worker,
  type BackendFactory,
  type Processor,
} from 'bullmq';
import type { ActiveJob, QueueBackend, QueueBackendSettings, WorkerSettings } from './backend.js';
import { redactUrl } from './redis.js';

/**
 * A queue backend that shares its process's one PostgresConnection instead of owning one:
 * BullMQ's own factory gives every Queue and Worker a pool and a LISTEN connection of its own,
 * which for 8 partitions × (queue + worker) would be dozens of connections per process. Here
 * a process holds one pool and one LISTEN connection; jobs of every queue are announced on one
 * channel with the queue name as payload, and each backend picks out its own. The connection
 * is closed by the QueueBackend, after every queue and worker.
 */
class SharedConnectionBackend extends PostgresQueueBackend {
  override async close(): Promise<void> {
    this.closing ??= Promise.resolve();
    await this.disconnectBlocking();
  }

  override async disconnect(): Promise<void> {
    await this.disconnectBlocking();
  }
}

type PgListenClient = Awaited<ReturnType<PostgresConnection['getListenClient']>>;

/**
 * The process's one connection. Its LISTEN client is shared by every worker's backend, each
 * issuing its own LISTEN when it first waits (and again after a reconnect): those statements
 * are queued here, one at a time, instead of being sent to a client still busy with another
 * (which node-postgres 8 tolerates with a deprecation warning and 9 will refuse). Each waiting
 * worker listens for notifications on it: one listener per partition, so no listener limit.
 */
export class SharedConnection extends PostgresConnection {
  private readonly serialized = new WeakSet<PgListenClient>();

  constructor(...args: ConstructorParameters<typeof PostgresConnection>) {
    super(...args);
    // BullMQ builds its LISTEN client with `new pg.Client` and attaches its 'error' listener
    // only once `connect()` has resolved. A backend terminated right after the handshake (its
    // FATAL in the same read as ReadyForQuery, as pg_terminate_backend or a restart can do)
    // is then an 'error' event with no listener, which kills the process. Every client it
    // builds here has a listener from birth; BullMQ's own still handles the error after it.
    const self = this as unknown as { pgModule?: { Client: new (config: unknown) => { on(event: 'error', fn: () => void): unknown } } };
    if (self.pgModule) {
      const Base = self.pgModule.Client;
      self.pgModule = {
        ...self.pgModule,
        Client: class extends Base {
          constructor(config: unknown) {
            super(config);
            this.on('error', () => {});
          }
        },
      };
    }
  }

  override async getListenClient(): Promise<PgListenClient> {
    const client = await super.getListenClient();
    if (!this.serialized.has(client)) {
      this.serialized.add(client);
      (client as unknown as { setMaxListeners?: (n: number) => void }).setMaxListeners?.(0);
      const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
      let tail: Promise<unknown> = Promise.resolve();
      client.query = ((...args: unknown[]) => {
        const run = tail.then(() => query(...args));
        tail = run.catch(() => {});
        return run;
      }) as typeof client.query;
    }
    return client;
  }
}

/** `lsl` → `lsl_queue`; a test prefix like `lsltest-1a2b` → `lsltest_1a2b_queue`. */
export function queueSchemaName(prefix: string): string {
  const base = prefix.replace(/[^A-Za-z0-9_]/g, '_').replace(/^([0-9])/, '_$1');
  return `${base}_queue`.slice(-63);
}

/**
 * BullMQ's PostgreSQL backend (jobs in a `job` table, claimed with FOR UPDATE SKIP LOCKED,
 * workers woken by LISTEN/NOTIFY, locks as `locked_until_ms` columns) in its own schema of the
 * ledger's database. Its migrations run here, idempotently, under BullMQ's advisory lock.
 */
export async function createPostgresQueueBackend(settings: QueueBackendSettings & { databaseUrl: string }): Promise<QueueBackend> {
  const schema = queueSchemaName(settings.prefix);
  const quotedSchema = quoteSchemaName(schema);
  const connection = new SharedConnection({
    connectionString: settings.databaseUrl,
    schema,
    migrate: true,
    max: settings.poolSize ?? 5,
    application_name: settings.applicationName ?? 'lsl-queue',
  });
  // A pooled client checked out when its backend is terminated (pg_terminate_backend, a
  // restart) emits 'error' with no pool listener attached: without one it would kill the
  // process instead of failing the query in flight, which BullMQ retries.
  (connection.pool as { on(event: 'connect', fn: (client: { on(event: 'error', fn: () => void): void }) => void): void }).on('connect', (client) => client.on('error', () => {}));
  // Every backend forwards the connection's errors to its queue or worker.
  connection.setMaxListeners(0);
  connection.on('error', () => {});
  await connection.waitUntilReady();

  const factory: BackendFactory<PostgresQueueBackend, string> = (name, opts) => new SharedConnectionBackend(connection, name, opts);
  const location = `postgres schema ${schema} at ${redactUrl(settings.databaseUrl)}`;
  return {
    kind: 'postgres',
    location,
    createQueue(name: string): Queue {
      const queue = new Queue(name, { connection: location }, factory);
      queue.on('error', () => {});
      // The rest of the system sees BullMQ's Queue API, identical on both backends; only the
      // type parameter naming the backend class differs.
      return queue as unknown as Queue;
    },
    createWorker(name: string, _prefix: string, processor: Processor, settings: WorkerSettings): Worker {
      return new Worker(name, processor, { ...settings, connection: location }, factory) as unknown as Worker;
    },
    async lockRemainingMs(queue: Queue, jobId: string): Promise<number> {
      const { rows } = await connection.pool.query(`select locked_until_ms from ${quotedSchema}.job where queue = $1 and id = $2 and state = 'active'`, [queue.name, jobId]);
      const until = rows[0]?.locked_until_ms;
      return until == null ? 0 : Math.max(0, Number(until) - Date.now());
    },
    async activeJobs(queue: Queue): Promise<ActiveJob[]> {
      const { rows } = await connection.pool.query(`select id, lock_token, data from ${quotedSchema}.job where queue = $1 and state = 'active'`, [queue.name]);
      return rows.map((r: { id: string; lock_token: string | null; data: unknown }) => ({ id: r.id, lockToken: r.lock_token, data: r.data }));
    },
    async ping(): Promise<void> {
      await connection.pool.query('select 1');
    },
    async close(): Promise<void> {
      await connection.close();
    },
  };
}

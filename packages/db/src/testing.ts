import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDb } from './create-db.js';
import { migrateToLatest } from './migrate.js';

/**
 * Drops the template of a finished run, and the test databases of that run left by crashed
 * files (called by scripts/test.mjs). Only this run's: runs on a shared Postgres must not drop
 * each other's databases (one just created has no session yet and looks abandoned).
 */
export async function dropTestTemplates(runId: string): Promise<void> {
  await admin(async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      "select datname from pg_database where datname = $1 or (datname like $2 and datname not in (select datname from pg_stat_activity where datname is not null))",
      [`lsl_tpl_${runId}`, `lsl_test_${runId}_%`],
    );
    for (const { datname } of rows) await client.query(`drop database if exists ${datname} with (force)`);
  });
}

export interface TestDatabase {
  /** Connection string of the fresh database. */
  url: string;
  /** Drops the database (terminating any session left on it). */
  drop(): Promise<void>;
}

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
// `scripts/test.mjs` gives each run an id, so the template is migrated once per run and
// dropped at its end. A test file run on its own (no run id) migrates its databases directly:
// a template of its own would outlive it.
const RUN_ID = process.env.LSL_TEST_RUN_ID;
const TEMPLATE = RUN_ID === undefined ? undefined : `lsl_tpl_${RUN_ID}`;

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function migrate(name: string): Promise<void> {
  const db = createDb({ connectionString: withDatabase(ADMIN_URL, name), max: 1 });
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
}

/**
 * A fresh, migrated database for one test file: cloned from the run's template, which the
 * first file to need it migrates (see RUN_ID).
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  // The run id in the name lets dropTestTemplates clean up this run's databases only.
  const name = `lsl_test_${RUN_ID ?? 'solo'}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  if (TEMPLATE === undefined) {
    await admin((client) => client.query(`create database ${name}`));
    await migrate(name);
  } else {
    await admin(async (client) => {
      // Test files run in parallel processes: one builds the template, the others wait.
      await client.query('select pg_advisory_lock(424242)');
      try {
        const exists = await client.query('select 1 from pg_database where datname = $1', [TEMPLATE]);
        if (exists.rowCount === 0) {
          await client.query(`create database ${TEMPLATE}`);
          await migrate(TEMPLATE);
        }
        await client.query(`create database ${name} template ${TEMPLATE}`);
      } finally {
        await client.query('select pg_advisory_unlock(424242)');
      }
    });
  }
  const url = withDatabase(ADMIN_URL, name);
  // A session held open for the database's whole life: a clean-up of abandoned test databases
  // (another run's, on a shared Postgres, while this one's pools are idle) must not drop it.
  const keeper = new pg.Client({ connectionString: url, application_name: 'lsl-test-keeper' });
  keeper.on('error', () => {});
  await keeper.connect();
  // It must not keep a test process alive on its own.
  (keeper as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
  const drop = async () => {
    // Not awaited: its socket is unref'd, and `with (force)` below ends the session anyway.
    void keeper.end().catch(() => {});
    await admin(async (client) => void (await client.query(`drop database if exists ${name} with (force)`)));
  };
  return { url, drop };
}

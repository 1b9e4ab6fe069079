/**
 * `npm run keys -- create --name X [--rate-limit N]`, `list`, `revoke ID` (docs/security.md).
 * Works on the database of DATABASE_URL, or on the embedded one of `npm start` (started here for
 * the command when `npm start` is not running). A created key is printed once and never again:
 * only its sha256 is stored. Running servers see a new key at once and a revoked one within
 * API_KEY_CACHE_MS, without a restart.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createDb, insertApiKey, listApiKeys, migrateToLatest, revokeApiKey, type ApiKeyRow } from '@lsl/db';
import { generateApiKey, hashApiKey, keyPrefixOf } from '@lsl/http';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres.js';
import { parseServerEnv } from './env.js';

const USAGE = `usage: npm run keys -- <command>
  create --name <name> [--rate-limit <requests per window>]   make a key; it is printed once
  list [--json]                                                 every key (never the key itself)
  revoke <id>                                                   the key stops working within API_KEY_CACHE_MS`;

class UsageError extends Error {}

const note = (message: string) => process.stderr.write(`${message}\n`);

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => {});
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** DATABASE_URL; else the embedded Postgres of `npm start`, started for this command if it is not running. */
async function openDatabase(): Promise<{ url: string; embedded?: EmbeddedDatabase }> {
  const env = parseServerEnv(process.env);
  if (env.DATABASE_URL) return { url: env.DATABASE_URL };
  const url = `postgres://postgres:postgres@127.0.0.1:${env.EMBEDDED_PG_PORT}/lsl`;
  if (await reachable(url)) return { url };
  note(`starting the embedded PostgreSQL in ${env.EMBEDDED_PG_DIR} for this command`);
  const embedded = await startEmbeddedPostgres({ dir: env.EMBEDDED_PG_DIR, port: env.EMBEDDED_PG_PORT, log: note });
  return { url: embedded.url, embedded };
}

function view(row: ApiKeyRow) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    rate_limit: row.rate_limit,
    created_at: new Date(row.created_at).toISOString(),
    revoked_at: row.revoked_at ? new Date(row.revoked_at).toISOString() : null,
  };
}

async function main(argv: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { name: { type: 'string' }, 'rate-limit': { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { positionals, values } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || command === undefined) throw new UsageError('');
  if (!['create', 'list', 'revoke'].includes(command)) throw new UsageError(`unknown command '${command}'`);

  let rateLimit: number | null = null;
  if (command === 'create') {
    if (!values.name?.trim()) throw new UsageError('create needs --name <name>');
    if (values['rate-limit'] !== undefined) {
      if (!/^\d+$/.test(values['rate-limit']) || Number(values['rate-limit']) > 2 ** 31 - 1) throw new UsageError('--rate-limit must be a whole number (0: unlimited)');
      rateLimit = Number(values['rate-limit']);
    }
  }
  if (command === 'revoke' && rest.length !== 1) throw new UsageError('revoke needs the id of one key (see list)');

  const { url, embedded } = await openDatabase();
  const db = createDb({ connectionString: url, max: 1, applicationName: 'lsl-keys' });
  try {
    await migrateToLatest(db);
    if (command === 'create') {
      const key = generateApiKey();
      const row = await insertApiKey(db, { id: randomUUID(), name: values.name!.trim(), keyHash: hashApiKey(key), prefix: keyPrefixOf(key), rateLimit });
      if (values.json) process.stdout.write(`${JSON.stringify({ ...view(row), key })}\n`);
      else {
        note(`created key ${row.id} (${row.name}); it is shown this once, store it now:`);
        process.stdout.write(`${key}\n`);
      }
    } else if (command === 'list') {
      const rows = (await listApiKeys(db)).map(view);
      if (values.json) process.stdout.write(`${JSON.stringify(rows)}\n`);
      else if (rows.length === 0) note('no keys (API_KEYS of the environment are not listed: they live there)');
      else console.table(rows.map((r) => ({ ...r, rate_limit: r.rate_limit ?? 'default', revoked_at: r.revoked_at ?? '' })));
    } else {
      const id = rest[0]!;
      const revoked = /^[0-9a-f-]{36}$/i.test(id) && (await revokeApiKey(db, id));
      if (!revoked) throw new UsageError(`no active key with id ${id}`);
      note(`revoked ${id}`);
    }
  } finally {
    await db.destroy();
    await embedded?.stop().catch(() => {});
  }
}

main(process.argv.slice(2)).catch((error) => {
  if (error instanceof UsageError) {
    if (error.message) note(error.message);
    note(USAGE);
    process.exit(2);
  }
  note(error instanceof Error ? error.message : String(error));
  process.exit(1);
});

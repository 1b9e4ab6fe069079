import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as m0001 from './migrations/0001-initial.js';
import * as m0002 from './migrations/0002-ledger-items.js';
import * as m0003 from './migrations/0003-events.js';
import * as m0005 from './migrations/0005-webhooks.js';
import * as m0004 from './migrations/0004-api-keys.js';
import * as m0006 from './migrations/0006-config-guard.js';
import * as m0007 from './migrations/0007-record-version.js';
import * as m0008 from './migrations/0008-pending-is-queued.js';
import * as m0009 from './migrations/0009-ledger-storage.js';
import * as m0010 from './migrations/0010-portfolio.js';
import * as m0011 from './migrations/0011-batch-replays.js';
import * as m0012 from './migrations/0012-ledger-documents.js';
import * as m0013 from './migrations/0013-promises.js';

// Migrations are imported, not read from disk, so the same code runs from src (tests) and dist.
const migrations: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-ledger-items': m0002,
  '0003-events': m0003,
  '0005-webhooks': m0005,
  '0004-api-keys': m0004,
  '0006-config-guard': m0006,
  '0007-record-version': m0007,
  '0008-pending-is-queued': m0008,
  '0009-ledger-storage': m0009,
  '0010-portfolio': m0010,
  '0011-batch-replays': m0011,
  '0012-ledger-documents': m0012,
  '0013-promises': m0013,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  // Migrations are independent tables and columns: one added on another branch with a smaller
  // number than the newest applied one still runs.
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, { cause: error });
  }
}

/**
 * Migrations this code knows that the database has not run (compared with `kysely_migration`):
 * empty when the schema is current. Reads only; `/readyz` reports them.
 */
export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true });
  return (await migrator.getMigrations()).filter((m) => m.executedAt === undefined).map((m) => m.name);
}

import type { Kysely } from 'kysely';
import { CONFIG_KINDS, DEFAULT_CONFIG_ID, DEFAULT_CONFIGS } from '@lsl/contracts';
import { ensureConfigs, migrateToLatest, type Database } from '@lsl/db';

/**
 * What a process that accepts operations does to its database first: migrations to the latest
 * (under the migrator's lock, so processes starting together migrate once) and the default
 * configs, so a fresh install accepts operations that name none.
 */
export async function prepareDatabase(db: Kysely<Database>): Promise<void> {
  await migrateToLatest(db);
  await ensureConfigs(db, [
    ...CONFIG_KINDS.map((kind) => ({ kind, id: DEFAULT_CONFIG_ID, body: { ...DEFAULT_CONFIGS[kind] } })),
    // The seed's create-waiver example names this config; a fresh install accepts it as-is.
    { kind: 'waivers' as const, id: 'DEFAULT_WAIVER_CONFIG', body: { ...DEFAULT_CONFIGS.waivers } },
  ]);
}

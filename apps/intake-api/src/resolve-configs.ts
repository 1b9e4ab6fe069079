import type { Kysely } from 'kysely';
import { AppError } from '@lsl/contracts';
import { getLatestConfig, type ConfigKind, type Database } from '@lsl/db';

/**
 * Resolves a config id to the version in force now, as a value stored with the operation: a
 * later edit of the config makes a new version and never changes what this operation meant.
 * Unknown → 400 naming the field.
 */
export async function resolveConfig(db: Kysely<Database>, kind: ConfigKind, id: string, field: string): Promise<Record<string, unknown>> {
  const row = await getLatestConfig(db, kind, id);
  if (!row) {
    throw new AppError('unknown_config', `Unknown ${kind} config '${id}'`, { fields: { [field]: `No ${kind} config with id '${id}'` } });
  }
  return { ...row.body, id: row.id, version: row.version };
}

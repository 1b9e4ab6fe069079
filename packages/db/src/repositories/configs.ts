import { sql, type Kysely, type Transaction } from 'kysely';
import type { ConfigKind, ConfigRow, Database } from '../schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** The version in force: the highest one. */
export async function getLatestConfig(db: Db, kind: ConfigKind, id: string): Promise<ConfigRow | undefined> {
  return db
    .selectFrom('configs')
    .selectAll()
    .where('kind', '=', kind)
    .where('id', '=', id)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function getConfigVersion(db: Db, kind: ConfigKind, id: string, version: number): Promise<ConfigRow | undefined> {
  return db.selectFrom('configs').selectAll().where('kind', '=', kind).where('id', '=', id).where('version', '=', version).executeTakeFirst();
}

/**
 * Writes a new version (configs are never changed in place: operations keep the version they
 * were accepted with). An identical body returns the current version unchanged.
 */
export async function putConfig(db: Kysely<Database>, kind: ConfigKind, id: string, body: object): Promise<{ row: ConfigRow; created: boolean }> {
  return db.transaction().execute(async (trx) => {
    // Serialise writers of one config id so two PUTs cannot take the same version.
    await sql`select pg_advisory_xact_lock(hashtextextended(${`config:${kind}:${id}`}, 0))`.execute(trx);
    const current = await getLatestConfig(trx, kind, id);
    if (current) {
      // jsonb equality ignores key order, which JSON.stringify of the stored body would not.
      const same = await sql<{ same: boolean }>`select ${JSON.stringify(current.body)}::jsonb = ${JSON.stringify(body)}::jsonb as same`.execute(trx);
      if (same.rows[0]?.same) return { row: current, created: false };
    }
    const row = await trx
      .insertInto('configs')
      .values({ kind, id, version: (current?.version ?? 0) + 1, body: JSON.stringify(body) })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { row, created: true };
  });
}

/** Installs each DEFAULT config that does not exist yet (fresh install). */
export async function ensureConfigs(db: Kysely<Database>, defaults: Array<{ kind: ConfigKind; id: string; body: Record<string, unknown> }>): Promise<void> {
  for (const d of defaults) {
    await db
      .insertInto('configs')
      .values({ kind: d.kind, id: d.id, version: 1, body: JSON.stringify(d.body) })
      .onConflict((oc) => oc.columns(['kind', 'id', 'version']).doNothing())
      .execute();
  }
}

import type { Kysely } from 'kysely';
import type { ApiKeyRow, Database } from '../schema.js';

export interface NewApiKeyInput {
  id: string;
  name: string;
  /** sha256 (hex) of the key; the key itself is never stored. */
  keyHash: string;
  prefix: string;
  /** Requests per rate-limit window; null takes the server's default. */
  rateLimit: number | null;
}

export async function insertApiKey(db: Kysely<Database>, key: NewApiKeyInput): Promise<ApiKeyRow> {
  return db
    .insertInto('api_keys')
    .values({ id: key.id, name: key.name, key_hash: key.keyHash, prefix: key.prefix, rate_limit: key.rateLimit })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Every key, revoked ones too, oldest first (for `keys list`). */
export async function listApiKeys(db: Kysely<Database>): Promise<ApiKeyRow[]> {
  return db.selectFrom('api_keys').selectAll().orderBy('created_at').orderBy('id').execute();
}

/** The keys that open the API now: what each server process caches. */
export async function listActiveApiKeys(db: Kysely<Database>): Promise<Array<Pick<ApiKeyRow, 'id' | 'key_hash' | 'rate_limit'>>> {
  return db.selectFrom('api_keys').select(['id', 'key_hash', 'rate_limit']).where('revoked_at', 'is', null).execute();
}

/** Marks a key revoked; false when there is no such key or it was already revoked. */
export async function revokeApiKey(db: Kysely<Database>, id: string): Promise<boolean> {
  const result = await db.updateTable('api_keys').set({ revoked_at: new Date() }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

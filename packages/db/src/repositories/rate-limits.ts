import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** The table of migrations/0004-api-keys.ts that rate-limiter-flexible's Postgres store uses. */
export const RATE_LIMIT_TABLE = 'rate_limits';

/** What rate-limiter-flexible's `RateLimiterPostgres` calls on its `storeClient`. */
export interface RateLimitStoreClient {
  query(query: { text: string; values?: unknown[] }): Promise<{ rows: unknown[]; rowCount: number }>;
}

/**
 * rate-limiter-flexible's Postgres store, run over this Kysely pool instead of a pool of its
 * own: its statements (an upsert per request) share the connections and the error handling of
 * every other query.
 */
export function rateLimitStoreClient(db: Kysely<Database>): RateLimitStoreClient {
  return {
    async query(query) {
      const result = await db.executeQuery(CompiledQuery.raw(query.text, query.values ?? []));
      return { rows: result.rows as unknown[], rowCount: result.rows.length };
    },
  };
}

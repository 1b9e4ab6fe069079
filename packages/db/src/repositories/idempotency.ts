import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../schema.js';
import { isUniqueViolation } from '../create-db.js';

type Db = Kysely<Database> | Transaction<Database>;

export type ClaimResult =
  | { claimed: true }
  | { claimed: false; requestHash: string; responseStatus: number | null; responseBody: unknown; responseLocation: string | null };

/**
 * A claim still without a response after this long belongs to a request that died (its process
 * crashed, or its connection was cut after the claim committed): longer than any live request
 * takes (`Prefer: wait` is at most 30 s).
 */
export const IDEMPOTENCY_CLAIM_STALE_MS = 45_000;

/**
 * Claims an `Idempotency-Key` for a request. The first request inserts the row (response
 * still null); later ones see it and either replay the stored response, or are refused. A
 * stale claim (see IDEMPOTENCY_CLAIM_STALE_MS) is taken over by a request with the same body,
 * or the key would answer 409 forever; taking over is safe even if the first request were
 * still alive, because what runs under the key is itself idempotent by the natural key.
 */
export async function claimIdempotencyKey(db: Db, key: string, requestHash: string, staleAfterMs = IDEMPOTENCY_CLAIM_STALE_MS): Promise<ClaimResult> {
  try {
    await db.insertInto('idempotency_keys').values({ key, request_hash: requestHash }).execute();
    return { claimed: true };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  const takenOver = await db
    .updateTable('idempotency_keys')
    .set({ created_at: sql<Date>`now()` })
    .where('key', '=', key)
    .where('request_hash', '=', requestHash)
    .where('response_status', 'is', null)
    .where('created_at', '<', sql<Date>`now() - make_interval(secs => ${staleAfterMs / 1000})`)
    .returning('key')
    .executeTakeFirst();
  if (takenOver) return { claimed: true };
  const row = await db.selectFrom('idempotency_keys').selectAll().where('key', '=', key).executeTakeFirstOrThrow();
  return {
    claimed: false,
    requestHash: row.request_hash,
    responseStatus: row.response_status,
    responseBody: row.response_body,
    responseLocation: row.response_location,
  };
}

export async function storeIdempotentResponse(db: Db, key: string, status: number, body: unknown, location: string | null): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ response_status: status, response_body: JSON.stringify(body), response_location: location })
    .where('key', '=', key)
    .execute();
}

/** Frees a key whose first request failed before being accepted, so it may be retried. */
export async function releaseIdempotencyKey(db: Db, key: string): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('key', '=', key).where('response_status', 'is', null).execute();
}

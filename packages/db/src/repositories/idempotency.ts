import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema.js';
import { isUniqueViolation } from '../create-db.js';

type Db = Kysely<Database> | Transaction<Database>;

export type ClaimResult =
  | { claimed: true }
  | { claimed: false; requestHash: string; responseStatus: number | null; responseBody: unknown; responseLocation: string | null };

/**
 * Claims an `Idempotency-Key` for a request. The first request inserts the row (response
 * still null); later ones see it and either replay the stored response, or are refused.
 */
export async function claimIdempotencyKey(db: Db, key: string, requestHash: string): Promise<ClaimResult> {
  try {
    await db.insertInto('idempotency_keys').values({ key, request_hash: requestHash }).execute();
    return { claimed: true };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
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

import type { Kysely } from 'kysely';
import { AppError } from '@lsl/contracts';
import { claimIdempotencyKey, isTransientDbError, releaseIdempotencyKey, storeIdempotentResponse, type Database } from '@lsl/db';

export interface StoredResponse {
  status: number;
  body: unknown;
  location: string | null;
  replayed?: boolean;
}

/**
 * `Idempotency-Key` (IETF httpapi draft): the first request with a key runs and its response
 * is stored; a retry with the same request gets that response again; the same key with another
 * request is 422; a retry while the first is still being accepted is 409. A first request
 * that fails before a response exists frees the key, so the client may retry it.
 */
export async function withIdempotencyKey(
  db: Kysely<Database>,
  key: string | undefined,
  requestHash: string,
  run: () => Promise<StoredResponse>,
): Promise<StoredResponse> {
  if (!key) return run();
  if (key.length > 255) throw new AppError('validation_failed', 'Idempotency-Key is too long', { fields: { 'headers.idempotency-key': 'At most 255 characters' } });
  const claim = await claimIdempotencyKey(db, key, requestHash).catch(async (error) => {
    // The claim may have committed with its answer lost (a connection cut): free it, or the
    // client's retry would be told "still being processed" until the claim is stale.
    if (isTransientDbError(error)) await retryTransient(() => releaseIdempotencyKey(db, key)).catch(() => {});
    throw error;
  });
  if (!claim.claimed) {
    if (claim.requestHash !== requestHash) {
      throw new AppError('idempotency_key_reused', 'This Idempotency-Key was already used with a different request', { idempotency_key: key });
    }
    if (claim.responseStatus === null) {
      throw new AppError('idempotency_key_in_flight', 'A request with this Idempotency-Key is still being processed', { idempotency_key: key });
    }
    return { status: claim.responseStatus, body: claim.responseBody, location: claim.responseLocation, replayed: true };
  }
  let response: StoredResponse;
  try {
    response = await run();
  } catch (error) {
    await retryTransient(() => releaseIdempotencyKey(db, key)).catch(() => {});
    throw error;
  }
  // A response that cannot be stored leaves the claim without one: the client's retry gets 409
  // until the claim is stale, then takes it over and replays the operation by its natural key.
  await retryTransient(() => storeIdempotentResponse(db, key, response.status, response.body, response.location));
  return response;
}

/** A short retry of a bookkeeping write that a transient fault (a cut connection) interrupted. */
async function retryTransient<T>(fn: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= attempts || !isTransientDbError(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
    }
  }
}

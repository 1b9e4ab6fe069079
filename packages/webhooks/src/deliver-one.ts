import type { Kysely } from 'kysely';
import { claimDelivery, recordAttempt, type Database, type WebhookDeliveryRow, type WebhookDeliveryStatus } from '@lsl/db';
import { deliveryBody, signedHeaders } from './payload.js';
import type { DeliveryPolicy } from './delivery-policy.js';
import { nextAttemptAt } from './retry-schedule.js';
import { sendRequest } from './send-request.js';

export type DeliverOutcome =
  | { kind: 'skipped' }
  | { kind: 'attempted'; delivery: WebhookDeliveryRow; status: WebhookDeliveryStatus; statusCode: number | null; disabledReason: string | null };

/** A lease outlives the attempt's deadline, so only a dead sender's lease ever expires. */
export function leaseMs(policy: DeliveryPolicy): number {
  return policy.timeoutMs + 15_000;
}

/**
 * One attempt of one delivery: lease it (nothing happens unless it is sendable now: due, first of
 * its borrower's pending deliveries, subscription enabled), sign and send it, then record the
 * attempt and what follows: delivered; failed for good (410 Gone, which also disables the
 * subscription, or the schedule exhausted); or due again after the schedule's next delay.
 */
export async function deliverOne(db: Kysely<Database>, deliveryId: string, policy: DeliveryPolicy, now: () => Date = () => new Date()): Promise<DeliverOutcome> {
  const claimed = await claimDelivery(db, deliveryId, leaseMs(policy));
  if (!claimed) return { kind: 'skipped' };
  const { delivery, url, secret, event } = claimed;
  const body = deliveryBody(event);
  const attemptedAt = now();
  const result = await sendRequest(new URL(url), signedHeaders(secret, delivery.id, body, attemptedAt), body, policy);
  const ok = result.error === null;
  const gone = result.statusCode === 410;
  const attemptsMade = delivery.attempt_count + 1;
  const retryAt = ok || gone ? undefined : nextAttemptAt(attemptedAt, attemptsMade, policy.retryScheduleMs, policy.jitter);
  const status: WebhookDeliveryStatus = ok ? 'delivered' : retryAt ? 'pending' : 'failed';
  const recorded = await recordAttempt(db, {
    deliveryId: delivery.id,
    attemptedAt,
    statusCode: result.statusCode,
    latencyMs: result.latencyMs,
    error: result.error,
    responseExcerpt: result.responseBody === null ? null : result.responseBody.slice(0, policy.excerptChars),
    status,
    nextAttemptAt: retryAt,
    disableReason: gone ? `the receiver answered 410 Gone at ${attemptedAt.toISOString()}` : undefined,
    disableIfFailingSince: new Date(attemptedAt.getTime() - policy.disableAfterMs),
  });
  if (!recorded) return { kind: 'skipped' };
  return { kind: 'attempted', delivery: recorded.delivery, status, statusCode: result.statusCode, disabledReason: recorded.disabledReason };
}

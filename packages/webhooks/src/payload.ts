import { Webhook } from 'standardwebhooks';
import type { EventRow } from '@lsl/db';

/**
 * The body of a delivery: Standard Webhooks' `{type, timestamp, data}` plus where the event
 * belongs. `data` is the event's payload: for `operation.*` the operation as
 * `GET /v1/operations/{id}` returns it, for `batch.completed` the batch's 207 body, for a domain
 * event the ledger's payload (docs/webhooks.md, "Payloads").
 */
export function deliveryBody(event: EventRow): string {
  return JSON.stringify({
    type: event.type,
    timestamp: new Date(event.occurred_on).toISOString(),
    event_id: event.id,
    borrower_id: event.borrower_id,
    operation_id: event.operation_id,
    batch_id: event.batch_id,
    loan_id: event.loan_id,
    effective_date: event.effective_date,
    data: event.payload,
  });
}

/**
 * The Standard Webhooks headers of one attempt: `webhook-id` is the delivery's id, the same on
 * every attempt (receivers deduplicate on it); the timestamp and signature are of this attempt.
 */
export function signedHeaders(secret: string, webhookId: string, body: string, at: Date): Record<string, string> {
  return {
    'webhook-id': webhookId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(webhookId, at, body),
  };
}

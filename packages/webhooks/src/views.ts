import type { WebhookAttemptRow, WebhookDeliveryRow, WebhookSubscriptionRow } from '@lsl/db';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** A subscription as GET shows it: never the secret (shown once, at creation). */
export function subscriptionView(row: WebhookSubscriptionRow) {
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    description: row.description,
    disabled: row.disabled_at !== null,
    disabled_at: iso(row.disabled_at),
    disabled_reason: row.disabled_reason,
    failing_since: iso(row.failing_since),
    created_at: iso(row.created_at)!,
    updated_at: iso(row.updated_at)!,
  };
}

export function createdView(row: WebhookSubscriptionRow) {
  return { id: row.id, url: row.url, events: row.events, secret: row.secret, description: row.description, created_at: iso(row.created_at)! };
}

export function deliveryView(row: WebhookDeliveryRow, attempts: WebhookAttemptRow[]) {
  return {
    id: row.id,
    event_id: row.event_id,
    event_type: row.event_type,
    borrower_id: row.ordering_key,
    status: row.status,
    attempt_count: row.attempt_count,
    next_attempt_at: row.status === 'pending' ? iso(row.next_attempt_at) : null,
    created_at: iso(row.created_at)!,
    delivered_at: iso(row.delivered_at),
    last_status_code: row.last_status_code,
    last_error: row.last_error,
    attempts: attempts.map((a) => ({
      attempted_at: iso(a.attempted_at)!,
      status_code: a.status_code,
      latency_ms: a.latency_ms,
      error: a.error,
      response_excerpt: a.response_excerpt,
    })),
  };
}

import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { DOMAIN_EVENT_TYPES, OPERATION_EVENT_TYPES, isDomainEventType, type EventType } from '../event-types.js';
import { batchStatusSchema, operationStatusSchema } from '../responses/async.js';
import { eventPayloadOf } from './event-payloads.js';

const dateTime = z.string().meta({ format: 'date-time' });

/** The `data` of each event type (docs/webhooks.md "Event types"). */
function dataOf(type: EventType): z.ZodType {
  if (isDomainEventType(type)) return eventPayloadOf(type);
  return type === 'batch.completed' ? batchStatusSchema : operationStatusSchema;
}

const pascal = (type: string) => type.split(/[._]/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');

/** A delivery's body for `type`: Standard Webhooks' `{type, timestamp, data}` and where the event belongs. */
export function deliverySchema(type: EventType) {
  const isBatch = type === 'batch.completed';
  const isOperation = !isDomainEventType(type);
  return z
    .strictObject({
      type: z.literal(type),
      timestamp: dateTime.meta({ description: 'When the event occurred (the operation\'s `occurred_on`, or when it was recorded)' }),
      event_id: z.string().meta({ format: 'uuid', description: 'The event; a retry of a delivery carries the same one (and the same `webhook-id` header)' }),
      borrower_id: isBatch ? z.null() : z.string(),
      operation_id: (isBatch ? z.null() : type === 'loan.delinquency_changed' ? z.null() : z.string().meta({ format: 'uuid' })).meta({ description: 'The operation that caused it (null for the close of business)' }),
      batch_id: z.string().meta({ format: 'uuid' }).nullable().meta({ description: 'The batch it belongs to, if any' }),
      loan_id: isOperation ? z.null() : z.string().nullable().meta({ description: 'The loan it concerns (docs/events.md); null for events of no single loan' }),
      effective_date: isOperation ? z.null() : z.string().meta({ format: 'date', description: 'The ledger day it takes effect' }),
      data: dataOf(type),
    })
    .meta({ id: `${pascal(type)}Delivery` });
}

/**
 * The deliveries of every event type in the OpenAPI document's `webhooks` (OpenAPI 3.1): what
 * the system POSTs to a subscribed URL, signed with Standard Webhooks' headers (docs/webhooks.md).
 */
export function registerWebhookDeliveries(registry: OpenAPIRegistry): void {
  const headers = z.object({
    'webhook-id': z.string().meta({ description: 'The delivery\'s id: the same on every attempt (deduplicate on it)' }),
    'webhook-timestamp': z.string().meta({ description: "This attempt's time, Unix seconds" }),
    'webhook-signature': z.string().meta({ description: '`v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}">`' }),
  });
  for (const type of [...OPERATION_EVENT_TYPES, ...DOMAIN_EVENT_TYPES]) {
    registry.registerWebhook({
      method: 'post',
      path: type,
      operationId: `webhook_${type.replace(/\./g, '_')}`,
      summary: `The \`${type}\` delivery`,
      tags: ['Webhook deliveries'],
      security: [],
      request: { headers, body: { required: true, content: { 'application/json': { schema: deliverySchema(type) } } } },
      responses: {
        200: { description: 'Any 2xx: delivered. Anything else, or no answer within the timeout, is retried (docs/webhooks.md "Retries")' },
      },
    });
  }
}

import { z } from 'zod';
import { EVENT_TYPES } from '../event-types.js';

/** `whsec_` + base64 of 24 to 64 random bytes (Standard Webhooks' recommendation). */
const SECRET = /^whsec_[A-Za-z0-9+/]+={0,2}$/;

export const webhookSecretSchema = z
  .string()
  .regex(SECRET, 'Must be whsec_ followed by base64')
  .refine((s) => {
    const bytes = Buffer.from(s.slice('whsec_'.length), 'base64').length;
    return bytes >= 24 && bytes <= 64;
  }, 'Must encode 24 to 64 bytes')
  .meta({ description: 'Signing secret, `whsec_` + base64 of 24 to 64 bytes. Generated when omitted.' });

const eventListSchema = z
  .array(z.enum(EVENT_TYPES, { error: (issue) => `Unknown event type ${JSON.stringify(issue.input)}; one of ${EVENT_TYPES.join(', ')}` }))
  .min(1, 'Name at least one event type')
  .max(EVENT_TYPES.length)
  .refine((events) => new Set(events).size === events.length, 'Each event type once')
  .meta({ description: `Event types to receive: ${EVENT_TYPES.map((t) => `\`${t}\``).join(', ')}` });

const urlSchema = z.string().min(1).max(2048).meta({ description: 'http(s) URL the events are POSTed to; private and loopback hosts are refused.' });

export const createWebhookSchema = z
  .strictObject({
    url: urlSchema,
    events: eventListSchema,
    secret: webhookSecretSchema.optional(),
    description: z.string().max(500).nullable().optional(),
  })
  .meta({ id: 'CreateWebhook' });

export const patchWebhookSchema = z
  .strictObject({
    url: urlSchema.optional(),
    events: eventListSchema.optional(),
    description: z.string().max(500).nullable().optional(),
    disabled: z.boolean().optional().meta({ description: 'true stops deliveries; false resumes them (held deliveries are sent, in order).' }),
  })
  .meta({ id: 'PatchWebhook' });

export type CreateWebhookBody = z.infer<typeof createWebhookSchema>;
export type PatchWebhookBody = z.infer<typeof patchWebhookSchema>;

export const webhookSchema = z
  .object({
    id: z.string().uuid(),
    url: z.string(),
    events: z.array(z.string()),
    description: z.string().nullable(),
    disabled: z.boolean(),
    disabled_at: z.string().nullable(),
    disabled_reason: z.string().nullable(),
    failing_since: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Webhook' });

export const createdWebhookSchema = z
  .object({ id: z.string().uuid(), url: z.string(), events: z.array(z.string()), secret: z.string(), description: z.string().nullable(), created_at: z.string() })
  .meta({ id: 'CreatedWebhook', description: 'The only answer that shows the secret.' });

export const webhookListSchema = z.object({ webhooks: z.array(webhookSchema), next_cursor: z.string().nullable() }).meta({ id: 'WebhookList' });

export const webhookAttemptSchema = z
  .object({
    attempted_at: z.string(),
    status_code: z.number().int().nullable(),
    latency_ms: z.number().int(),
    error: z.string().nullable(),
    response_excerpt: z.string().nullable(),
  })
  .meta({ id: 'WebhookAttempt' });

export const webhookDeliverySchema = z
  .object({
    id: z.string().uuid().meta({ description: 'The `webhook-id` header of every attempt.' }),
    event_id: z.string().uuid(),
    event_type: z.string(),
    borrower_id: z.string().nullable(),
    status: z.enum(['pending', 'delivered', 'failed']),
    attempt_count: z.number().int(),
    next_attempt_at: z.string().nullable(),
    created_at: z.string(),
    delivered_at: z.string().nullable(),
    last_status_code: z.number().int().nullable(),
    last_error: z.string().nullable(),
    attempts: z.array(webhookAttemptSchema),
  })
  .meta({ id: 'WebhookDelivery' });

export const webhookDeliveryListSchema = z
  .object({ webhook_id: z.string().uuid(), deliveries: z.array(webhookDeliverySchema), next_cursor: z.string().nullable() })
  .meta({ id: 'WebhookDeliveryList' });

export const webhookDeliveriesQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().regex(/^\d+$/, 'Must be the next_cursor of a previous page').optional(),
  status: z.enum(['pending', 'delivered', 'failed']).optional(),
});

export const webhookListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().uuid('Must be the next_cursor of a previous page').optional(),
});

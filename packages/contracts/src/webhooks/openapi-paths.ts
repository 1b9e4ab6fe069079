import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  createdWebhookSchema,
  createWebhookSchema,
  patchWebhookSchema,
  webhookDeliveriesQuerySchema,
  webhookDeliverySchema,
  webhookDeliveryListSchema,
  webhookListQuerySchema,
  webhookListSchema,
  webhookSchema,
} from './subscription.js';

type Responses = RouteConfig['responses'];

export interface WebhookPathHelpers {
  security: Array<Record<string, string[]>>;
  json: (schema: z.ZodType, description: string, example: unknown) => Responses[number];
  errorResponse: (status: number) => Responses[number];
  /** What every `/v1` route may answer (openapi-helpers.ts `v1Errors`). */
  commonErrors: Responses;
  /** What a route taking a JSON body may answer from the body parser (`bodyErrors`). */
  bodyErrors: Responses;
  /** 304 of a GET sent again with its ETag. */
  notModified: Responses;
}

const ID = '5f35325a-3dc7-408f-b3d2-ab642df57882';
const WEBHOOK = {
  id: ID,
  url: 'https://lender.example/hooks/ledger',
  events: ['operation.succeeded', 'operation.failed', 'payment.applied'],
  description: 'ledger events',
  disabled: false,
  disabled_at: null,
  disabled_reason: null,
  failing_since: null,
  created_at: '2026-01-05T14:00:00.000Z',
  updated_at: '2026-01-05T14:00:00.000Z',
};
const CREATE = { url: WEBHOOK.url, events: WEBHOOK.events, description: WEBHOOK.description };
const CREATED = { id: ID, url: WEBHOOK.url, events: WEBHOOK.events, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', description: WEBHOOK.description, created_at: WEBHOOK.created_at };
const DELIVERY = {
  id: '8b9fd02b-090c-4120-81e5-7267443cbe33',
  event_id: 'a23cac04-f463-47e5-9894-4649d881fc02',
  event_type: 'payment.applied',
  borrower_id: 'b1',
  status: 'delivered',
  attempt_count: 2,
  next_attempt_at: null,
  created_at: '2026-01-05T14:01:00.000Z',
  delivered_at: '2026-01-05T14:01:05.210Z',
  last_status_code: 200,
  last_error: null,
  attempts: [
    { attempted_at: '2026-01-05T14:01:00.020Z', status_code: 503, latency_ms: 38, error: 'HTTP 503', response_excerpt: 'busy' },
    { attempted_at: '2026-01-05T14:01:05.190Z', status_code: 200, latency_ms: 20, error: null, response_excerpt: 'ok' },
  ],
};

/** The `/v1/webhooks` routes (docs/webhooks.md) in the OpenAPI document. */
export function registerWebhookPaths(registry: OpenAPIRegistry, { security, json, errorResponse, commonErrors: common, bodyErrors, notModified }: WebhookPathHelpers): void {
  const id = z.object({ id: z.string().uuid().meta({ param: { name: 'id', in: 'path' } }) });
  const tags = ['Webhooks'];
  const body = (schema: z.ZodType, example: unknown) => ({ body: { required: true, content: { 'application/json': { schema, example } } } });
  registry.registerPath({
    method: 'post', path: '/v1/webhooks', operationId: 'create_webhook', tags, security,
    summary: 'Subscribe a URL to event types; the answer is the only one showing the secret',
    request: body(createWebhookSchema, CREATE),
    responses: { 201: json(createdWebhookSchema, 'Created (`Location: /v1/webhooks/{id}`)', CREATED), ...bodyErrors, ...common },
  });
  registry.registerPath({
    method: 'get', path: '/v1/webhooks', operationId: 'list_webhooks', tags, security, summary: 'The subscriptions, oldest first',
    request: { query: webhookListQuerySchema },
    responses: { 200: json(webhookListSchema, 'OK', { webhooks: [WEBHOOK], next_cursor: null }), ...notModified, 400: errorResponse(400), ...common },
  });
  registry.registerPath({
    method: 'get', path: '/v1/webhooks/{id}', operationId: 'get_webhook', tags, security, summary: 'One subscription (without its secret)',
    request: { params: id },
    responses: { 200: json(webhookSchema, 'OK', WEBHOOK), ...notModified, 404: errorResponse(404), ...common },
  });
  registry.registerPath({
    method: 'patch', path: '/v1/webhooks/{id}', operationId: 'patch_webhook', tags, security, summary: 'Change the URL or events, disable or resume',
    request: { params: id, ...body(patchWebhookSchema, { disabled: false }) },
    responses: { 200: json(webhookSchema, 'OK', WEBHOOK), ...bodyErrors, 404: errorResponse(404), ...common },
  });
  registry.registerPath({
    method: 'delete', path: '/v1/webhooks/{id}', operationId: 'delete_webhook', tags, security, summary: 'Delete a subscription: nothing more is sent',
    request: { params: id },
    responses: { 204: { description: 'Deleted' }, 404: errorResponse(404), ...common },
  });
  registry.registerPath({
    method: 'get', path: '/v1/webhooks/{id}/deliveries', operationId: 'list_webhook_deliveries', tags, security,
    summary: 'The delivery log: every delivery with every attempt, newest event first',
    request: { params: id, query: webhookDeliveriesQuerySchema },
    responses: { 200: json(webhookDeliveryListSchema, 'OK', { webhook_id: ID, deliveries: [DELIVERY], next_cursor: null }), ...notModified, 400: errorResponse(400), 404: errorResponse(404), ...common },
  });
  registry.registerPath({
    method: 'post', path: '/v1/webhooks/{id}/deliveries/{delivery_id}/retry', operationId: 'retry_webhook_delivery', tags, security,
    summary: 'Send a delivery again (same webhook-id), in its borrower’s order',
    request: {
      params: id.extend({ delivery_id: z.string().uuid().meta({ param: { name: 'delivery_id', in: 'path' } }) }),
      // Like every POST of /v1, a JSON body (415 otherwise); its content is not read.
      ...body(z.strictObject({}).meta({ description: 'Send `{}`' }), {}),
    },
    responses: { 202: json(webhookDeliverySchema, 'Pending again', { ...DELIVERY, status: 'pending', attempt_count: 0, next_attempt_at: '2026-01-06T09:00:00.000Z', delivered_at: null }), ...bodyErrors, 404: errorResponse(404), ...common },
  });
}

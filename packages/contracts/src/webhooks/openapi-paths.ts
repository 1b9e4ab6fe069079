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
  json: (schema: z.ZodType, description: string) => Responses[number];
  errorResponse: (status: number) => Responses[number];
}

/** The `/v1/webhooks` routes (docs/webhooks.md) in the OpenAPI document. */
export function registerWebhookPaths(registry: OpenAPIRegistry, { security, json, errorResponse }: WebhookPathHelpers): void {
  const id = z.object({ id: z.string().uuid().meta({ param: { name: 'id', in: 'path' } }) });
  const common = { 401: errorResponse(401), 403: errorResponse(403), 500: errorResponse(500) };
  const tags = ['Webhooks'];
  const body = (schema: z.ZodType) => ({ body: { required: true, content: { 'application/json': { schema } } } });
  registry.registerPath({
    method: 'post', path: '/v1/webhooks', operationId: 'create_webhook', tags, security,
    summary: 'Subscribe a URL to event types; the answer is the only one showing the secret',
    request: body(createWebhookSchema),
    responses: { 201: json(createdWebhookSchema, 'Created'), 400: errorResponse(400), ...common },
  });
  registry.registerPath({
    method: 'get', path: '/v1/webhooks', operationId: 'list_webhooks', tags, security, summary: 'The subscriptions, oldest first',
    request: { query: webhookListQuerySchema },
    responses: { 200: json(webhookListSchema, 'OK'), 400: errorResponse(400), ...common },
  });
  registry.registerPath({
    method: 'get', path: '/v1/webhooks/{id}', operationId: 'get_webhook', tags, security, summary: 'One subscription (without its secret)',
    request: { params: id },
    responses: { 200: json(webhookSchema, 'OK'), 404: errorResponse(404), ...common },
  });
  registry.registerPath({
    method: 'patch', path: '/v1/webhooks/{id}', operationId: 'patch_webhook', tags, security, summary: 'Change the URL or events, disable or resume',
    request: { params: id, ...body(patchWebhookSchema) },
    responses: { 200: json(webhookSchema, 'OK'), 400: errorResponse(400), 404: errorResponse(404), ...common },
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
    responses: { 200: json(webhookDeliveryListSchema, 'OK'), 400: errorResponse(400), 404: errorResponse(404), ...common },
  });
  registry.registerPath({
    method: 'post', path: '/v1/webhooks/{id}/deliveries/{delivery_id}/retry', operationId: 'retry_webhook_delivery', tags, security,
    summary: 'Send a delivery again (same webhook-id), in its borrower’s order',
    request: { params: id.extend({ delivery_id: z.string().uuid().meta({ param: { name: 'delivery_id', in: 'path' } }) }) },
    responses: { 202: json(webhookDeliverySchema, 'Pending again'), 404: errorResponse(404), ...common },
  });
}

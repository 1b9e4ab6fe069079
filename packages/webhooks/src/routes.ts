import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { AppError, createWebhookSchema, fromZodError, patchWebhookSchema, validationError, webhookDeliveriesQuerySchema, webhookListQuerySchema } from '@lsl/contracts';
import {
  deleteWebhookSubscription,
  getWebhookDelivery,
  getWebhookSubscription,
  insertWebhookSubscription,
  listWebhookAttempts,
  listWebhookDeliveries,
  listWebhookSubscriptions,
  redeliver,
  updateWebhookSubscription,
  type Database,
} from '@lsl/db';
import { checkWebhookUrl, WebhookUrlError } from './check-url.js';
import type { HostPolicy } from './resolve-host.js';
import { generateSecret } from './secrets.js';
import { createdView, deliveryView, subscriptionView } from './views.js';

export interface WebhooksRouterOptions {
  db: Kysely<Database>;
  /** Which hosts a subscription URL may name (`WEBHOOKS_ALLOW_PRIVATE`). */
  hostPolicy: HostPolicy;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parse<S extends z.ZodType>(schema: S, value: unknown, root: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw fromZodError(parsed.error, root);
  return parsed.data;
}

/** `/v1/webhooks`: subscriptions and their delivery log (docs/webhooks.md). */
export function createWebhooksRouter(options: WebhooksRouterOptions): Router {
  const router = Router();
  const { db } = options;

  const checkedUrl = async (raw: string) => {
    try {
      return (await checkWebhookUrl(raw, options.hostPolicy)).toString();
    } catch (error) {
      if (error instanceof WebhookUrlError) throw validationError({ url: error.message });
      throw error;
    }
  };
  const subscriptionOf = async (req: Request) => {
    const id = String(req.params.webhook_id);
    const row = UUID.test(id) ? await getWebhookSubscription(db, id) : undefined;
    if (!row) throw new AppError('not_found', `No webhook ${id}`, { webhook_id: id });
    return row;
  };

  router.post('/v1/webhooks', async (req: Request, res: Response) => {
    const body = parse(createWebhookSchema, req.body, 'body');
    const url = await checkedUrl(body.url);
    const row = await insertWebhookSubscription(db, {
      id: randomUUID(),
      url,
      events: body.events,
      secret: body.secret ?? generateSecret(),
      description: body.description ?? null,
    });
    res.status(201).setHeader('Location', `/v1/webhooks/${row.id}`).json(createdView(row));
  });

  router.get('/v1/webhooks', async (req: Request, res: Response) => {
    const { limit, cursor } = parse(webhookListQuerySchema, req.query, 'query');
    const after = cursor ? await getWebhookSubscription(db, cursor) : undefined;
    const rows = await listWebhookSubscriptions(db, { limit: limit + 1, after: after ? { created_at: new Date(after.created_at), id: after.id } : undefined });
    const page = rows.slice(0, limit);
    res.json({ webhooks: page.map(subscriptionView), next_cursor: rows.length > limit ? page[page.length - 1]!.id : null });
  });

  router.get('/v1/webhooks/:webhook_id', async (req: Request, res: Response) => {
    res.json(subscriptionView(await subscriptionOf(req)));
  });

  router.patch('/v1/webhooks/:webhook_id', async (req: Request, res: Response) => {
    const existing = await subscriptionOf(req);
    const body = parse(patchWebhookSchema, req.body, 'body');
    const url = body.url === undefined ? undefined : await checkedUrl(body.url);
    const row = await updateWebhookSubscription(db, existing.id, { url, events: body.events, description: body.description, disabled: body.disabled });
    if (!row) throw new AppError('not_found', `No webhook ${existing.id}`, { webhook_id: existing.id });
    res.json(subscriptionView(row));
  });

  router.delete('/v1/webhooks/:webhook_id', async (req: Request, res: Response) => {
    const existing = await subscriptionOf(req);
    await deleteWebhookSubscription(db, existing.id);
    res.status(204).end();
  });

  router.get('/v1/webhooks/:webhook_id/deliveries', async (req: Request, res: Response) => {
    const subscription = await subscriptionOf(req);
    const query = parse(webhookDeliveriesQuerySchema, req.query, 'query');
    const rows = await listWebhookDeliveries(db, subscription.id, { limit: query.limit + 1, beforePosition: query.cursor, status: query.status });
    const page = rows.slice(0, query.limit);
    const attempts = await listWebhookAttempts(db, page.map((d) => d.id));
    res.json({
      webhook_id: subscription.id,
      deliveries: page.map((d) => deliveryView(d, attempts.filter((a) => a.delivery_id === d.id))),
      next_cursor: rows.length > query.limit ? String(page[page.length - 1]!.event_position) : null,
    });
  });

  router.post('/v1/webhooks/:webhook_id/deliveries/:delivery_id/retry', async (req: Request, res: Response) => {
    const subscription = await subscriptionOf(req);
    const deliveryId = String(req.params.delivery_id);
    const found = UUID.test(deliveryId) ? await getWebhookDelivery(db, subscription.id, deliveryId) : undefined;
    if (!found) throw new AppError('not_found', `No delivery ${deliveryId} of webhook ${subscription.id}`, { webhook_id: subscription.id, delivery_id: deliveryId });
    const row = await redeliver(db, subscription.id, deliveryId);
    if (!row) throw new AppError('not_found', `No delivery ${deliveryId} of webhook ${subscription.id}`, { webhook_id: subscription.id, delivery_id: deliveryId });
    res.status(202).json(deliveryView(row, await listWebhookAttempts(db, [row.id])));
  });

  return router;
}

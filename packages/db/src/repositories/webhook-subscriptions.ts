import type { Kysely, Transaction } from 'kysely';
import type { Database, WebhookSubscriptionRow } from '../schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface NewWebhookSubscription {
  id: string;
  url: string;
  events: string[];
  secret: string;
  description: string | null;
}

export async function insertWebhookSubscription(db: Db, input: NewWebhookSubscription): Promise<WebhookSubscriptionRow> {
  return db.insertInto('webhook_subscriptions').values(input).returningAll().executeTakeFirstOrThrow();
}

/** Oldest first, after `afterId`'s creation (keyset paging on created_at, id). */
export async function listWebhookSubscriptions(db: Db, options: { limit: number; after?: { created_at: Date; id: string } }): Promise<WebhookSubscriptionRow[]> {
  let query = db.selectFrom('webhook_subscriptions').selectAll();
  const after = options.after;
  if (after) query = query.where((eb) => eb.or([eb('created_at', '>', after.created_at), eb.and([eb('created_at', '=', after.created_at), eb('id', '>', after.id)])]));
  return query.orderBy('created_at').orderBy('id').limit(options.limit).execute();
}

export async function getWebhookSubscription(db: Db, id: string): Promise<WebhookSubscriptionRow | undefined> {
  return db.selectFrom('webhook_subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface WebhookSubscriptionPatch {
  url?: string;
  events?: string[];
  description?: string | null;
  /** true: disabled now, with `reason`; false: enabled again (pending deliveries are due at once). */
  disabled?: boolean;
  reason?: string;
}

export async function updateWebhookSubscription(db: Kysely<Database>, id: string, patch: WebhookSubscriptionPatch): Promise<WebhookSubscriptionRow | undefined> {
  return db.transaction().execute(async (trx) => {
    const now = new Date();
    const row = await trx
      .updateTable('webhook_subscriptions')
      .set({
        updated_at: now,
        ...(patch.url !== undefined && { url: patch.url }),
        ...(patch.events !== undefined && { events: patch.events }),
        ...(patch.description !== undefined && { description: patch.description }),
        ...(patch.disabled === true && { disabled_at: now, disabled_reason: patch.reason ?? 'disabled by request' }),
        ...(patch.disabled === false && { disabled_at: null, disabled_reason: null, failing_since: null }),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (row && patch.disabled === false) {
      // Deliveries held while the subscription was disabled are due again, in their order.
      await trx.updateTable('webhook_deliveries').set({ next_attempt_at: now }).where('subscription_id', '=', id).where('status', '=', 'pending').execute();
    }
    return row;
  });
}

/** Deletes the subscription with its deliveries and attempts; false when there was none. */
export async function deleteWebhookSubscription(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('webhook_subscriptions').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

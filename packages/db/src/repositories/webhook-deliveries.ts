import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, EventRow, WebhookAttemptRow, WebhookDeliveryRow, WebhookDeliveryStatus } from '../schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Taken (per transaction) by the relay, so one relay runs at a time across processes. */
const RELAY_LOCK = 80_050_005;

export interface RelayResult {
  /** Events marked relayed (whether or not a subscription wanted them). */
  events: number;
  /** Deliveries created. */
  deliveries: number;
}

/**
 * Turns up to `limit` events not yet relayed, oldest position first, into one delivery per
 * enabled subscription that names the event's type, and marks them relayed, in one statement.
 * One relay at a time (an advisory lock; a relay that finds it taken does nothing): with a
 * borrower's events committed in position order (they are written under the borrower's lock),
 * a borrower's deliveries are then created in position order too.
 */
export async function relayEvents(db: Kysely<Database>, limit: number): Promise<RelayResult> {
  return db.transaction().execute(async (trx) => {
    const { rows: locked } = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${RELAY_LOCK}) as ok`.execute(trx);
    if (!locked[0]?.ok) return { events: 0, deliveries: 0 };
    const { rows } = await sql<{ events: string; deliveries: string }>`
      with batch as (
        select position, id, type, borrower_id from events where relayed_at is null order by position limit ${limit}
      ), created as (
        insert into webhook_deliveries (id, subscription_id, event_id, event_position, event_type, ordering_key)
        select gen_random_uuid(), s.id, b.id, b.position, b.type, b.borrower_id
        from batch b join webhook_subscriptions s on s.disabled_at is null and b.type = any(s.events)
        order by b.position
        on conflict (subscription_id, event_id) do nothing
        returning 1
      ), marked as (
        update events e set relayed_at = now() from batch b where e.position = b.position returning 1
      )
      select (select count(*) from marked) as events, (select count(*) from created) as deliveries`.execute(trx);
    return { events: Number(rows[0]?.events ?? 0), deliveries: Number(rows[0]?.deliveries ?? 0) };
  });
}

/**
 * The condition that keeps a borrower's deliveries in order: no pending delivery of the same
 * subscription and borrower with an earlier event (deliveries without a borrower are unordered).
 */
const headOfChain = sql<boolean>`not exists (
  select 1 from webhook_deliveries p
  where p.subscription_id = d.subscription_id and p.ordering_key = d.ordering_key
    and p.status = 'pending' and p.event_position < d.event_position)`;

/** Deliveries that may be attempted now: pending, due, not leased, first of their borrower, subscription enabled. */
export async function findSendableDeliveries(
  db: Db,
  options: { limit: number; subscriptionId?: string; orderingKey?: string | null },
): Promise<Array<Pick<WebhookDeliveryRow, 'id' | 'attempt_count' | 'leased_until'>>> {
  const { rows } = await sql<Pick<WebhookDeliveryRow, 'id' | 'attempt_count' | 'leased_until'>>`
    select d.id, d.attempt_count, d.leased_until from webhook_deliveries d join webhook_subscriptions s on s.id = d.subscription_id
    where d.status = 'pending' and d.next_attempt_at <= now() and (d.leased_until is null or d.leased_until < now())
      and s.disabled_at is null
      ${options.subscriptionId === undefined ? sql`` : sql`and d.subscription_id = ${options.subscriptionId}`}
      ${options.orderingKey === undefined ? sql`` : options.orderingKey === null ? sql`and d.ordering_key is null` : sql`and d.ordering_key = ${options.orderingKey}`}
      and ${headOfChain}
    order by d.next_attempt_at
    limit ${options.limit}`.execute(db);
  return rows;
}

export interface ClaimedDelivery {
  delivery: WebhookDeliveryRow;
  url: string;
  secret: string;
  event: EventRow;
}

/**
 * Leases a sendable delivery for `leaseMs` (one sender at a time, and the chain's order: see
 * `headOfChain`); undefined when it is not sendable now (delivered, not due, leased, behind an
 * earlier one, subscription disabled or deleted).
 */
export async function claimDelivery(db: Db, deliveryId: string, leaseMs: number): Promise<ClaimedDelivery | undefined> {
  const { rows } = await sql<WebhookDeliveryRow & { url: string; secret: string }>`
    update webhook_deliveries d set leased_until = now() + make_interval(secs => ${leaseMs / 1000})
    from webhook_subscriptions s
    where d.id = ${deliveryId} and s.id = d.subscription_id and s.disabled_at is null
      and d.status = 'pending' and d.next_attempt_at <= now() and (d.leased_until is null or d.leased_until < now())
      and ${headOfChain}
    returning d.*, s.url, s.secret`.execute(db);
  const row = rows[0];
  if (!row) return undefined;
  const event = await db.selectFrom('events').selectAll().where('id', '=', row.event_id).executeTakeFirst();
  if (!event) return undefined;
  const { url, secret, ...delivery } = row;
  return { delivery, url, secret, event };
}

export interface AttemptRecord {
  deliveryId: string;
  attemptedAt: Date;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  responseExcerpt: string | null;
  /** What becomes of the delivery. */
  status: WebhookDeliveryStatus;
  nextAttemptAt?: Date;
  /** Disable the subscription now, saying why (a 410). */
  disableReason?: string;
  /** A failed attempt disables the subscription when it has been failing since before this. */
  disableIfFailingSince?: Date;
}

/**
 * Records one attempt and its consequence, in one transaction: the delivery's new status, the
 * subscription's failing streak (cleared by a success) and, maybe, its disabling. Returns the
 * delivery, or undefined when it no longer exists (its subscription was deleted meanwhile).
 */
export async function recordAttempt(db: Kysely<Database>, record: AttemptRecord): Promise<{ delivery: WebhookDeliveryRow; disabledReason: string | null } | undefined> {
  return db.transaction().execute(async (trx) => {
    // The subscription's row first, then the delivery's: the order in which deleting a
    // subscription (with its deliveries, by cascade) takes them, so the two never deadlock. No key
    // update: the relay, inserting deliveries (a key share lock on the subscription), goes on.
    await sql`select 1 from webhook_subscriptions where id = (select subscription_id from webhook_deliveries where id = ${record.deliveryId}) for no key update`.execute(trx);
    const delivery = await trx
      .updateTable('webhook_deliveries')
      .set((eb) => ({
        status: record.status,
        attempt_count: eb('attempt_count', '+', 1),
        leased_until: null,
        last_status_code: record.statusCode,
        last_error: record.error,
        ...(record.nextAttemptAt && { next_attempt_at: record.nextAttemptAt }),
        ...(record.status === 'delivered' && { delivered_at: record.attemptedAt }),
      }))
      .where('id', '=', record.deliveryId)
      .returningAll()
      .executeTakeFirst();
    if (!delivery) return undefined;
    await trx
      .insertInto('webhook_attempts')
      .values({
        delivery_id: record.deliveryId,
        attempted_at: record.attemptedAt,
        status_code: record.statusCode,
        latency_ms: record.latencyMs,
        error: record.error,
        response_excerpt: record.responseExcerpt,
      })
      .execute();
    const ok = record.status === 'delivered';
    const { rows } = await sql<{ disabled_reason: string | null }>`
      update webhook_subscriptions set
        failing_since = case when ${ok} then null else coalesce(failing_since, ${record.attemptedAt}::timestamptz) end,
        disabled_at = case
          when disabled_at is not null then disabled_at
          when ${record.disableReason ?? null}::text is not null then ${record.attemptedAt}::timestamptz
          when not ${ok} and ${record.disableIfFailingSince ?? null}::timestamptz is not null
               and failing_since <= ${record.disableIfFailingSince ?? null}::timestamptz then ${record.attemptedAt}::timestamptz
          else null end,
        disabled_reason = case
          when disabled_at is not null then disabled_reason
          when ${record.disableReason ?? null}::text is not null then ${record.disableReason ?? null}::text
          when not ${ok} and ${record.disableIfFailingSince ?? null}::timestamptz is not null
               and failing_since <= ${record.disableIfFailingSince ?? null}::timestamptz
            then 'every delivery failed since ' || to_char(failing_since at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
          else null end
      where id = ${delivery.subscription_id}
      returning disabled_reason`.execute(trx);
    return { delivery, disabledReason: rows[0]?.disabled_reason ?? null };
  });
}

/** A subscription's deliveries, newest event first, before `beforePosition` (keyset paging). */
export async function listWebhookDeliveries(
  db: Db,
  subscriptionId: string,
  options: { limit: number; beforePosition?: string; status?: WebhookDeliveryStatus },
): Promise<WebhookDeliveryRow[]> {
  let query = db.selectFrom('webhook_deliveries').selectAll().where('subscription_id', '=', subscriptionId);
  if (options.beforePosition !== undefined) query = query.where('event_position', '<', options.beforePosition);
  if (options.status !== undefined) query = query.where('status', '=', options.status);
  return query.orderBy('event_position', 'desc').limit(options.limit).execute();
}

/** Every attempt of these deliveries, oldest first. */
export async function listWebhookAttempts(db: Db, deliveryIds: string[]): Promise<WebhookAttemptRow[]> {
  if (deliveryIds.length === 0) return [];
  return db.selectFrom('webhook_attempts').selectAll().where('delivery_id', 'in', deliveryIds).orderBy('id').execute();
}

export async function getWebhookDelivery(db: Db, subscriptionId: string, deliveryId: string): Promise<WebhookDeliveryRow | undefined> {
  return db.selectFrom('webhook_deliveries').selectAll().where('id', '=', deliveryId).where('subscription_id', '=', subscriptionId).executeTakeFirst();
}

/**
 * A redelivery asked for by the lender: the delivery is pending again, due now, with a fresh
 * retry schedule. It keeps its place in its borrower's order (its event's position).
 */
export async function redeliver(db: Db, subscriptionId: string, deliveryId: string): Promise<WebhookDeliveryRow | undefined> {
  return db
    .updateTable('webhook_deliveries')
    .set({ status: 'pending', attempt_count: 0, next_attempt_at: new Date(), delivered_at: null })
    .where('id', '=', deliveryId)
    .where('subscription_id', '=', subscriptionId)
    .returningAll()
    .executeTakeFirst();
}

import type { ConfigKind, OperationType } from '@lsl/ledger';
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The tables. Order lives here, not in the queue: `borrowers.last_seq` hands out each
 * borrower's sequence numbers at intake, `borrower_ledgers.applied_seq` says how far the
 * workers have applied them.
 */
export interface Database {
  borrowers: BorrowersTable;
  borrower_ledgers: BorrowerLedgersTable;
  ledger_items: LedgerItemsTable;
  operations: OperationsTable;
  batches: BatchesTable;
  batch_replays: BatchReplaysTable;
  idempotency_keys: IdempotencyKeysTable;
  configs: ConfigsTable;
  events: EventsTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  api_keys: ApiKeysTable;
  rate_limits: RateLimitsTable;
}

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface BorrowersTable {
  id: string;
  /** Last sequence number handed out to one of this borrower's operations. */
  last_seq: number;
  created_at: Generated<Date>;
}

export interface BorrowerLedgersTable {
  borrower_id: string;
  /** Highest sequence number whose operation has been applied (or refused). */
  applied_seq: number;
  /**
   * The ledger state's head (`persistDelta(...).head`: counters, list lengths, live core);
   * its lists are in `ledger_items`. A row written by an older version may hold a whole
   * serialised `BorrowerState` instead (no items); the ledger reads both.
   */
  state: ColumnType<unknown, string, string>;
  updated_at: Timestamp;
}

/** One item of one of a borrower's ledger lists (see migrations/0002-ledger-items.ts). */
export interface LedgerItemsTable {
  borrower_id: string;
  list: string;
  /** Position in the list, oldest first, from 0. */
  idx: number;
  item: ColumnType<unknown, string, string>;
}

/** An operation goes from `queued` to its final status in the transaction that applies it (docs/api.md). */
export type OperationStatus = 'queued' | 'succeeded' | 'failed';

export interface OperationsTable {
  id: string;
  borrower_id: string;
  seq: number;
  /** One of the ledger's operation types (`@lsl/ledger`'s registry); the codec checks it when decoding. */
  type: OperationType;
  /**
   * The operation's natural key (docs/api.md, "Idempotency"), unique within the borrower, e.g.
   * `create_loan/B1/L1`; not the `Idempotency-Key` header (`idempotency_key`).
   */
  natural_key: string;
  /** sha256 of the canonical request (path params, is_migration, body). */
  request_hash: string;
  idempotency_key: string | null;
  params: ColumnType<Record<string, string>, string, string>;
  body: ColumnType<unknown, string, string>;
  is_migration: boolean;
  /** When the operation counts as recorded: occurred_on for migrations, else acceptance. */
  recorded_at: Timestamp;
  request_id: string | null;
  /** The configs resolved at intake (id and version), so later config edits change nothing. */
  configs: ColumnType<object, string, string>;
  batch_id: string | null;
  batch_index: number | null;
  status: ColumnType<OperationStatus, OperationStatus | undefined, OperationStatus>;
  result_status_code: number | null;
  result_body: ColumnType<unknown, string | null | undefined, string | null>;
  accepted_at: Timestamp;
  completed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** The version of the stored form (params, body, configs): `@lsl/ledger-store`'s codec. */
  record_version: ColumnType<number, number | undefined, number>;
}

export interface BatchesTable {
  id: string;
  item_count: number;
  /**
   * One entry per item, in the request's order: `{index, operation_id}` for an item that became
   * (or replayed) an operation, `{index, rejected: {borrower_id, request_id, status_code,
   * error_detail, error}}` for one refused at intake.
   */
  items: ColumnType<BatchItem[], string, string>;
  request_hash: string;
  idempotency_key: string | null;
  created_at: Timestamp;
}

export interface IdempotencyKeysTable {
  key: string;
  request_hash: string;
  /** Null while the first request with this key is still being accepted. */
  response_status: number | null;
  response_body: ColumnType<unknown, string | null | undefined, string | null>;
  response_location: string | null;
  created_at: Timestamp;
}

/** The config kinds: the ledger's list (packages/ledger/src/api.ts). */
export type { ConfigKind };

export interface ConfigsTable {
  kind: ConfigKind;
  id: string;
  version: number;
  body: ColumnType<Record<string, unknown>, string, string>;
  created_at: Timestamp;
}

export type BatchItem =
  | { index: number; operation_id: string }
  | { index: number; rejected: { borrower_id: string | null; request_id: string | null; status_code: number; error_detail: string; error: unknown } };

/** One event of the event log / webhook outbox (see migrations/0003-events.ts). */
export interface EventsTable {
  position: Generated<number>;
  id: string;
  /** Null for events that concern no single borrower (`batch.completed`). */
  borrower_id: string | null;
  /** `operation.succeeded`, `operation.failed`, `batch.completed`, or a ledger event such as `loan.originated`. */
  type: string;
  operation_id: string | null;
  batch_id: string | null;
  loan_id: string | null;
  /** The ledger day (YYYY-MM-DD) the event takes effect (domain events); null for operation events. */
  effective_date: ColumnType<string | null, string | null | undefined, string | null>;
  occurred_on: Timestamp;
  payload: ColumnType<unknown, string, string>;
  /** When the webhook relay turned the event into deliveries (migrations/0005-webhooks.ts). */
  relayed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** A webhook subscription (migrations/0005-webhooks.ts). */
export interface WebhookSubscriptionsTable {
  id: string;
  url: string;
  events: string[];
  secret: string;
  description: string | null;
  disabled_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  disabled_reason: string | null;
  failing_since: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One event to one subscription, across all its attempts. */
export interface WebhookDeliveriesTable {
  id: string;
  subscription_id: string;
  event_id: string;
  /** bigint: pg returns it as a string. */
  event_position: ColumnType<string, string | number, string | number>;
  event_type: string;
  ordering_key: string | null;
  status: ColumnType<WebhookDeliveryStatus, WebhookDeliveryStatus | undefined, WebhookDeliveryStatus>;
  attempt_count: ColumnType<number, number | undefined, number>;
  next_attempt_at: Timestamp;
  leased_until: ColumnType<Date | null, Date | null | undefined, Date | null>;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Timestamp;
  delivered_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface WebhookAttemptsTable {
  id: Generated<string>;
  delivery_id: string;
  attempted_at: Timestamp;
  status_code: number | null;
  latency_ms: number;
  error: string | null;
  response_excerpt: string | null;
}

export type WebhookSubscriptionRow = Selectable<WebhookSubscriptionsTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable>;
export type WebhookAttemptRow = Selectable<WebhookAttemptsTable>;
export type EventRow = Selectable<EventsTable>;
export type NewEvent = Insertable<EventsTable>;
export type OperationRow = Selectable<OperationsTable>;
export type NewOperation = Insertable<OperationsTable>;
export type OperationUpdate = Updateable<OperationsTable>;
export type ConfigRow = Selectable<ConfigsTable>;
/**
 * A batch item replaying an operation recorded outside the batch and still queued when the
 * batch was recorded (migrations/0011-batch-replays.ts).
 */
export interface BatchReplaysTable {
  operation_id: string;
  batch_id: string;
}

export type BatchRow = Selectable<BatchesTable>;

/** An API key, stored as its sha256 only (see migrations/0004-api-keys.ts). */
export interface ApiKeysTable {
  id: string;
  name: string;
  key_hash: string;
  /** The key's first characters, to tell keys apart in a listing. */
  prefix: string;
  /** Requests per rate-limit window; null takes the server's default (RATE_LIMIT_REQUESTS). */
  rate_limit: number | null;
  created_at: Generated<Date>;
  revoked_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** rate-limiter-flexible's counters (its layout); `expire` is ms since the epoch. */
export interface RateLimitsTable {
  key: string;
  points: number;
  expire: number | null;
}

export type ApiKeyRow = Selectable<ApiKeysTable>;

import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database, NewOperation, OperationRow, OperationStatus } from '../schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * An operation to record: its columns' values (params, body and configs as values, made JSON
 * once here, at the database boundary; the row returned holds the same values, never parsed back).
 */
export type AcceptOperationInput = Omit<NewOperation, 'seq' | 'status' | 'params' | 'body' | 'configs'> & {
  params: Record<string, string>;
  body: unknown;
  configs: object;
};

/** The JSON text of the values, for the insert statements. */
export function jsonColumns(input: AcceptOperationInput): { params: string; body: string; configs: string } {
  return { params: JSON.stringify(input.params), body: JSON.stringify(input.body), configs: JSON.stringify(input.configs) };
}

/**
 * Records an accepted operation with the borrower's next sequence number, in ONE statement
 * (so one round trip and its own transaction): the upsert locks the borrower's row until the
 * statement commits, so sequence numbers are handed out, and committed, in acceptance order
 * with no gaps. A natural-key collision fails the whole statement, the increment included, and
 * so does a config resolved at a version no longer in force (`isStaleConfig`: resolve again).
 */
export async function insertOperationWithSeq(db: Db, input: AcceptOperationInput): Promise<OperationRow> {
  const json = jsonColumns(input);
  const result = await sql<MadeColumns>`
    with b as (
      insert into borrowers (id, last_seq) values (${input.borrower_id}, 1)
      on conflict (id) do update set last_seq = borrowers.last_seq + 1
      returning last_seq
    )
    insert into operations (
      id, borrower_id, seq, type, natural_key, request_hash, idempotency_key, params, body,
      is_migration, recorded_at, request_id, configs, batch_id, batch_index, accepted_at, record_version
    )
    select
      ${input.id}::uuid, ${input.borrower_id}, b.last_seq, ${input.type}, ${input.natural_key},
      ${input.request_hash}, ${input.idempotency_key ?? null}, ${json.params}::jsonb, ${json.body}::json,
      ${input.is_migration}, ${input.recorded_at}::timestamptz, ${input.request_id ?? null},
      ${json.configs}::jsonb, ${input.batch_id ?? null}::uuid, ${input.batch_index ?? null}::integer,
      ${input.accepted_at ?? new Date()}::timestamptz, ${input.record_version ?? 1}::smallint
    from b
    where lsl_configs_current(${json.configs}::jsonb)
    returning ${MADE_COLUMNS}`.execute(db);
  return rowOf(input, result.rows[0]!);
}

/**
 * What an insert returns: the columns Postgres fills in or converts (the sequence number, the
 * status, the timestamps). Not `returning *`: the params, body and configs the request just
 * sent would come back as JSON text for Postgres to print and intake to parse, on every
 * accepted request (docs/performance.md, "Where the time goes"); `rowOf` takes them from the input.
 */
export const MADE_COLUMNS = sql`id, seq, status, recorded_at, accepted_at, result_status_code, result_body, completed_at`;
export type MadeColumns = Pick<OperationRow, 'id' | 'seq' | 'status' | 'recorded_at' | 'accepted_at' | 'result_status_code' | 'result_body' | 'completed_at'>;

/** The row as `returning *` would have given it, from the input and the columns Postgres made. */
export function rowOf(input: AcceptOperationInput, made: MadeColumns): OperationRow {
  return {
    borrower_id: input.borrower_id,
    type: input.type,
    natural_key: input.natural_key,
    request_hash: input.request_hash,
    idempotency_key: input.idempotency_key ?? null,
    params: input.params,
    body: input.body,
    record_version: input.record_version ?? 1,
    is_migration: input.is_migration,
    request_id: input.request_id ?? null,
    configs: input.configs,
    batch_id: input.batch_id ?? null,
    batch_index: input.batch_index ?? null,
    ...made,
  };
}

export async function findOperationByNaturalKey(db: Db, borrowerId: string, naturalKey: string): Promise<OperationRow | undefined> {
  return db
    .selectFrom('operations')
    .selectAll()
    .where('borrower_id', '=', borrowerId)
    .where('natural_key', '=', naturalKey)
    .executeTakeFirst();
}

/** Succeeded or failed: the operation has its answer. */
export function isFinished(row: Pick<OperationRow, 'status'>): boolean {
  return row.status === 'succeeded' || row.status === 'failed';
}

export async function getOperation(db: Db, id: string): Promise<OperationRow | undefined> {
  return db.selectFrom('operations').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * The borrower's operations after `afterSeq`, in sequence order, up to `limit`, whatever their
 * status. After the ledger's `applied_seq` these are the operations not yet applied (simulations);
 * between a cached state's `applied_seq` and the stored one, the operations to catch up with.
 */
export async function listOperationsAfterSeq(db: Db, borrowerId: string, afterSeq: number, limit: number): Promise<OperationRow[]> {
  return db
    .selectFrom('operations')
    .selectAll()
    .where('borrower_id', '=', borrowerId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

/** Records the results of a batch of operations in one statement. */
export async function completeOperations(db: Db, results: OperationResult[], completedAt: Date = new Date()): Promise<void> {
  if (results.length === 0) return;
  await completeOperationsSql(results, completedAt).execute(db);
}

/** An applied operation's result, as `completeOperations` records it. */
export interface OperationResult {
  id: string;
  status: Extract<OperationStatus, 'succeeded' | 'failed'>;
  statusCode: number;
  body: unknown;
}

/**
 * The statement of `completeOperations` (`returning 1` per row), also a data-modifying CTE of a
 * statement that writes more besides (`commitAppliedBatch`).
 */
export function completeOperationsSql(results: OperationResult[], completedAt: Date): RawBuilder<unknown> {
  return sql`
    update operations o
    set status = v.status, result_status_code = v.code, result_body = v.body::json, completed_at = ${completedAt}::timestamptz
    from unnest(${results.map((r) => r.id)}::uuid[], ${results.map((r) => r.status)}::text[],
                ${results.map((r) => r.statusCode)}::int[], ${results.map((r) => JSON.stringify(r.body))}::text[])
         as v(id, status, code, body)
    where o.id = v.id
    returning 1`;
}

/** Where the sweeper stopped: the last pending operation it looked at. */
export interface StrandedCursor {
  acceptedAt: Date;
  id: string;
}

/**
 * Operations still pending after `olderThanMs`, oldest first, from just after `after`: up to
 * `limit` rows of the partial index on pending operations, so a sweep costs the same whatever
 * the backlog (the sweeper moves the cursor along and starts over at the end). What the
 * sweeper wakes borrowers up from when Redis has lost their job.
 */
export async function findStrandedOperations(
  db: Db,
  olderThanMs: number,
  limit: number,
  after?: StrandedCursor,
): Promise<Array<Pick<OperationRow, 'id' | 'borrower_id' | 'accepted_at'>>> {
  let query = db
    .selectFrom('operations')
    .select(['id', 'borrower_id', 'accepted_at'])
    .where('status', '=', 'queued')
    .where('accepted_at', '<', sql<Date>`now() - make_interval(secs => ${olderThanMs / 1000})`);
  if (after) query = query.where(sql<boolean>`(accepted_at, id) > (${after.acceptedAt}::timestamptz, ${after.id}::uuid)`);
  return query.orderBy('accepted_at').orderBy('id').limit(limit).execute();
}

export async function getOperations(db: Db, ids: string[]): Promise<OperationRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('operations').selectAll().where('id', 'in', ids).execute();
}

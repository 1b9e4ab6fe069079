import { sql, type Kysely, type Transaction } from 'kysely';
import type { OperationRow } from '../schema.js';
import type { Database } from '../schema.js';
import { MADE_COLUMNS, jsonColumns, rowOf, type AcceptOperationInput, type MadeColumns } from './operations.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Records several accepted operations in ONE statement (one round trip, one commit): group
 * commit at intake. Each borrower's counter moves by its number of operations, and its
 * operations get the numbers in the order they are given (arrival order); the borrowers' rows
 * are locked in id order, so groups running at once cannot deadlock. A natural-key collision
 * fails the whole statement (nothing recorded, no number used): the caller then records the
 * group one operation at a time, so only the colliding request is answered as a replay or
 * 409. A config no longer in force fails it the same way (`isStaleConfig`). Returns the rows in
 * the order given.
 */
export async function insertOperationsWithSeq(db: Db, inputs: AcceptOperationInput[]): Promise<OperationRow[]> {
  if (inputs.length === 0) return [];
  const col = <K extends keyof AcceptOperationInput>(key: K) => inputs.map((i) => i[key] ?? null);
  const json = inputs.map(jsonColumns);
  const { rows } = await sql<MadeColumns>`
    with input as (
      select * from unnest(
        ${col('id')}::uuid[], ${col('borrower_id')}::text[], ${col('type')}::text[], ${col('natural_key')}::text[],
        ${col('request_hash')}::text[], ${col('idempotency_key')}::text[], ${json.map((j) => j.params)}::text[], ${json.map((j) => j.body)}::text[],
        ${col('is_migration')}::boolean[], ${inputs.map((i) => toTimestamp(i.recorded_at))}::timestamptz[], ${col('request_id')}::text[],
        ${json.map((j) => j.configs)}::text[], ${col('batch_id')}::uuid[], ${col('batch_index')}::integer[],
        ${inputs.map((i) => toTimestamp(i.accepted_at ?? new Date()))}::timestamptz[], ${inputs.map((i) => i.record_version ?? 1)}::smallint[]
      ) with ordinality as t(id, borrower_id, type, natural_key, request_hash, idempotency_key, params, body,
                             is_migration, recorded_at, request_id, configs, batch_id, batch_index, accepted_at, record_version, n)
    ), counts as (
      select borrower_id, count(*)::bigint as c from input group by borrower_id
    ), b as (
      insert into borrowers (id, last_seq)
      select borrower_id, c from counts order by borrower_id
      on conflict (id) do update set last_seq = borrowers.last_seq + excluded.last_seq
      returning id, last_seq
    )
    insert into operations (
      id, borrower_id, seq, type, natural_key, request_hash, idempotency_key, params, body,
      is_migration, recorded_at, request_id, configs, batch_id, batch_index, accepted_at, record_version
    )
    select i.id, i.borrower_id,
      b.last_seq - c.c + row_number() over (partition by i.borrower_id order by i.n),
      i.type, i.natural_key, i.request_hash, i.idempotency_key, i.params::jsonb, i.body::json,
      i.is_migration, i.recorded_at, i.request_id, i.configs::jsonb, i.batch_id, i.batch_index, i.accepted_at, i.record_version
    from input i join b on b.id = i.borrower_id join counts c on c.borrower_id = i.borrower_id
    where lsl_configs_current(i.configs::jsonb)
    returning ${MADE_COLUMNS}`.execute(db);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return inputs.map((i) => rowOf(i, byId.get(i.id)!));
}

function toTimestamp(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

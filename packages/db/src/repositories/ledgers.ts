import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * A borrower's stored ledger: the head (`borrower_ledgers.state`) and the items of each of
 * its lists, oldest first (`ledger_items`), as `JSON.parse` gives them: `restoreState` of
 * @lsl/ledger decodes them (checked), once, where the state is loaded (@lsl/ledger-store).
 */
export interface StoredLedger {
  appliedSeq: number;
  /** `updated_at` as Postgres prints it (with `appliedSeq`, names this exact stored state). */
  updatedAt: string;
  head: unknown;
  lists: Record<string, unknown[]>;
  /** Characters of JSON read (head and items): a measure of the state's size. */
  bytes: number;
}

/** What `persistDelta` of @lsl/ledger returns: per list, items kept from 0 and items to append after them. */
export interface LedgerDelta {
  head: unknown;
  lists: Record<string, { keep: number; append: unknown[] }>;
}

/**
 * The head and every item in one statement, so one snapshot: a reader outside the writer's
 * lock never sees a head of one version with items of another. JSON is parsed here (text on
 * the wire), which also gives the size read.
 */
export async function loadBorrowerLedger(db: Db, borrowerId: string): Promise<StoredLedger | undefined> {
  const { rows } = await sql<{ part: number; list: string | null; item: string; applied_seq: string | null; updated_at: string | null }>`
    select 0 as part, null::text as list, 0 as idx, state::text as item, applied_seq::text as applied_seq, updated_at::text as updated_at
      from borrower_ledgers where borrower_id = ${borrowerId}
    union all
    select 1, list, idx, item::text, null, null from ledger_items where borrower_id = ${borrowerId}
    order by part, list, idx`.execute(db);
  const first = rows[0];
  if (first === undefined || first.part !== 0) return undefined;
  const lists: Record<string, unknown[]> = {};
  let bytes = first.item.length;
  for (let i = 1; i < rows.length; i++) {
    const row = rows[i]!;
    bytes += row.item.length;
    (lists[row.list!] ??= []).push(JSON.parse(row.item));
  }
  return { appliedSeq: Number(first.applied_seq), updatedAt: first.updated_at!, head: JSON.parse(first.item), lists, bytes };
}

/**
 * Saves a state as a delta from the stored one, in one statement: the head is upserted, each
 * list loses its items from its new length on, and the items from `keep` on are written
 * (upserted: a back-dated apply rewrites positions that exist). Must run under the lock, and
 * the delta must be computed from exactly the stored state. Returns the characters of JSON
 * written (head and items).
 */
export async function saveBorrowerLedgerDelta(trx: Transaction<Database>, borrowerId: string, delta: LedgerDelta, appliedSeq: number): Promise<number> {
  const [written] = await saveBorrowerLedgerDeltas(trx, [{ borrowerId, delta, appliedSeq }]);
  return written!;
}

/**
 * `saveBorrowerLedgerDelta` for every borrower of a worker's batch, in ONE statement (one round
 * trip however many borrowers the batch holds): the heads upserted, the lists cut to their new
 * lengths, the appended items written. Returns the bytes written per save, in the order given.
 * Each borrower appears at most once.
 */
export async function saveBorrowerLedgerDeltas(
  trx: Transaction<Database>,
  saves: ReadonlyArray<{ borrowerId: string; delta: LedgerDelta; appliedSeq: number }>,
): Promise<number[]> {
  if (saves.length === 0) return [];
  const heads: string[] = [];
  const cuts = { borrower: [] as string[], list: [] as string[], len: [] as number[] };
  const items = { borrower: [] as string[], list: [] as string[], idx: [] as number[], item: [] as string[] };
  const written: number[] = [];
  for (const { borrowerId, delta } of saves) {
    const head = JSON.stringify(delta.head);
    heads.push(head);
    let bytes = head.length;
    for (const [name, { keep, append }] of Object.entries(delta.lists)) {
      cuts.borrower.push(borrowerId);
      cuts.list.push(name);
      cuts.len.push(keep + append.length);
      append.forEach((item, k) => {
        const json = JSON.stringify(item);
        items.borrower.push(borrowerId);
        items.list.push(name);
        items.idx.push(keep + k);
        items.item.push(json);
        bytes += json.length;
      });
    }
    written.push(bytes);
  }
  await sql`
    with head as (
      insert into borrower_ledgers (borrower_id, state, applied_seq, updated_at)
      select h.borrower_id, h.state::json, h.applied_seq, ${new Date()}
      from unnest(${saves.map((s) => s.borrowerId)}::text[], ${heads}::text[], ${saves.map((s) => s.appliedSeq)}::bigint[]) as h(borrower_id, state, applied_seq)
      on conflict (borrower_id) do update set state = excluded.state, applied_seq = excluded.applied_seq, updated_at = excluded.updated_at
    ), cut as (
      delete from ledger_items i using unnest(${cuts.borrower}::text[], ${cuts.list}::text[], ${cuts.len}::int[]) as k(borrower_id, list, len)
      where i.borrower_id = k.borrower_id and i.list = k.list and i.idx >= k.len
    )
    insert into ledger_items (borrower_id, list, idx, item)
    select t.borrower_id, t.list, t.idx, t.item::json
    from unnest(${items.borrower}::text[], ${items.list}::text[], ${items.idx}::int[], ${items.item}::text[]) as t(borrower_id, list, idx, item)
    on conflict (borrower_id, list, idx) do update set item = excluded.item`.execute(trx);
  return written;
}

export async function borrowerExists(db: Db, borrowerId: string): Promise<boolean> {
  const row = await db.selectFrom('borrowers').select('id').where('id', '=', borrowerId).executeTakeFirst();
  return row !== undefined;
}

import { sql, type Kysely } from 'kysely';

/**
 * Rewrites the ledger rows still stored in the layout before migration 0002: one whole
 * `lsl-ledger/1` document in `borrower_ledgers.state` and no items. Each becomes the head +
 * items the ledger reads (`lsl-ledger/2`, docs/ledger.md "Persistence"), the same state: the
 * ledger no longer reads the old layout, and a borrower with no operation since 0002 still had
 * one. `applied_seq` and `updated_at` stay (the state is the same).
 *
 * JSON to JSON, self-contained on purpose: this is the one place that knows the old layout, and
 * the ledger's code changes after it. The old document wrote loans, installments and terms
 * once each in tables (shared by snapshots: referenced by index) and every core as indexes;
 * head + items write each snapshot's core relative to the snapshot before it and the live core
 * relative to the newest snapshot, a loan, terms or installment the base holds as `0`. Same
 * index in the tables is the same object, which is what `0` says. Buckets, installments, terms,
 * history entries, payments and log records are written alike in both layouts: copied.
 *
 * A document that does not have the old layout's shape fails the migration, naming the borrower
 * (it would not have been read either).
 */

const OLD = 'lsl-ledger/1';
const PAGE = 200;

type Row = Record<string, unknown>;

class DocumentError extends Error {}

const isRow = (value: unknown): value is Row => typeof value === 'object' && value !== null && !Array.isArray(value);

function row(value: unknown, path: string): Row {
  if (!isRow(value)) throw new DocumentError(`${path} is not an object`);
  return value;
}

function items(value: unknown, path: string): readonly unknown[] {
  if (!Array.isArray(value)) throw new DocumentError(`${path} is not an array`);
  const out: readonly unknown[] = value;
  return out;
}

function index(value: unknown, length: number, path: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= length) throw new DocumentError(`${path} is not an index below ${length}`);
  return value;
}

function at<T>(list: readonly T[], k: number): T {
  const value = list[k];
  if (value === undefined) throw new DocumentError(`index ${k} is out of range`);
  return value;
}

/** The head and every list's items (oldest first) of one old document. */
export function storedFormOf(document: unknown): { head: Row; lists: Record<'log' | 'snapshots' | 'history' | 'payments', unknown[]> } {
  const doc = row(document, 'the document');
  if (doc['format'] !== OLD) throw new DocumentError(`format is ${String(doc['format'])}, not ${OLD}`);
  const terms = items(doc['terms'], 'terms').map((t, k) => row(t, `terms[${k}]`));
  const installments = items(doc['installments'], 'installments');
  const loans = items(doc['loans'], 'loans').map((x, k) => {
    const loan = row(x, `loans[${k}]`);
    const t = index(loan['t'], terms.length, `loans[${k}].t`);
    const id = at(terms, t)['id'];
    if (typeof id !== 'string') throw new DocumentError(`terms[${t}].id is not a string`);
    const inst = items(loan['inst'], `loans[${k}].inst`).map((i, n) => index(i, installments.length, `loans[${k}].inst[${n}]`));
    return { loan, id, t, inst };
  });
  /** A core's loans: id → index in `loans`, in the core's order. */
  const loansOf = (core: Row, path: string): Map<string, number> =>
    new Map(items(core['loans'], `${path}.loans`).map((i, n) => {
      const k = index(i, loans.length, `${path}.loans[${n}]`);
      return [at(loans, k).id, k];
    }));
  const loanOut = (k: number, base: number | undefined): unknown => {
    if (k === base) return 0;
    const { loan, t, inst } = at(loans, k);
    const from = base === undefined ? undefined : at(loans, base);
    return {
      ...loan,
      t: from !== undefined && from.t === t ? 0 : at(terms, t),
      inst: inst.map((i, n) => (from !== undefined && from.inst[n] === i ? 0 : at(installments, i))),
    };
  };
  const coreOut = (core: Row, base: Map<string, number> | null, path: string): Row => {
    const own = loansOf(core, path);
    return {
      day: core['day'],
      ids: [...own.keys()],
      loans: [...own].map(([id, k]) => loanOut(k, base?.get(id))),
      pb: core['pb'],
      h: core['h'],
      p: core['p'],
      n: core['n'],
    };
  };
  const snapshotItems: Row[] = [];
  let base: Map<string, number> | null = null;
  items(doc['snapshots'], 'snapshots').forEach((x, k) => {
    const snapshot = row(x, `snapshots[${k}]`);
    const core = row(snapshot['core'], `snapshots[${k}].core`);
    snapshotItems.push({ i: snapshot['index'], c: coreOut(core, base, `snapshots[${k}].core`) });
    base = loansOf(core, `snapshots[${k}].core`);
  });
  const log = items(doc['log'], 'log').map((x, k) => {
    const r = row(x, `log[${k}]`);
    return { op: r['op'], day: r['day'], seq: r['seq'], k: r['k'] ?? r['kordevId'], e: r['e'], ...(r['rv'] ? { rv: r['rv'] } : {}) };
  });
  const history = [...items(doc['history'], 'history')];
  const payments = [...items(doc['payments'], 'payments')];
  const head = {
    format: 'lsl-ledger/2',
    layout: 'head',
    borrowerId: doc['borrowerId'],
    nextKordev: doc['nextKordev'],
    maxSeq: doc['maxSeq'],
    lengths: { log: log.length, snapshots: snapshotItems.length, history: history.length, payments: payments.length },
    live: coreOut(row(doc['live'], 'live'), base, 'live'),
  };
  return { head, lists: { log, snapshots: snapshotItems, history, payments } };
}

export async function up<DB>(db: Kysely<DB>): Promise<void> {
  let after = '';
  for (;;) {
    const { rows } = await sql<{ borrower_id: string; state: string }>`
      select borrower_id, state::text as state from borrower_ledgers
      where borrower_id > ${after} and state->>'format' = ${OLD}
      order by borrower_id limit ${PAGE}`.execute(db);
    for (const { borrower_id: borrowerId, state } of rows) {
      let stored: ReturnType<typeof storedFormOf>;
      try {
        stored = storedFormOf(JSON.parse(state));
      } catch (error) {
        throw new Error(`the ledger row of borrower ${borrowerId} is not a readable ${OLD} document: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      const names: string[] = [];
      const idx: number[] = [];
      const texts: string[] = [];
      for (const [name, list] of Object.entries(stored.lists)) {
        list.forEach((item, k) => {
          names.push(name);
          idx.push(k);
          texts.push(JSON.stringify(item));
        });
      }
      await sql`delete from ledger_items where borrower_id = ${borrowerId}`.execute(db);
      await sql`
        insert into ledger_items (borrower_id, list, idx, item)
        select ${borrowerId}, t.list, t.idx, t.item::json from unnest(${names}::text[], ${idx}::int[], ${texts}::text[]) as t(list, idx, item)`.execute(db);
      await sql`update borrower_ledgers set state = ${JSON.stringify(stored.head)}::json where borrower_id = ${borrowerId}`.execute(db);
    }
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]!.borrower_id;
  }
}

/** Nothing to undo: the rows hold the same state, in the layout every version since 0002 reads. */
export async function down(): Promise<void> {}

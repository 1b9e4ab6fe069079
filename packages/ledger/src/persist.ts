/**
 * The stored form the pipeline writes: a small head plus append-only list items.
 *
 * A `BorrowerState` is four persistent lists that grow with the borrower's history (the
 * operation log, the snapshots, and the history and payments lists the cores share) plus
 * what does not grow with it (the live core's loans, counters). Items are written once:
 *
 * - `log`: one item per log record;
 * - `snapshots`: one item per snapshot; its core is written *relative to the previous
 *   snapshot* (a loan, or an installment of a changed loan, that is the same object as in
 *   the previous snapshot is written as `0`), and its history and payments as lengths;
 * - `history`, `payments`: one item per entry of the live core's lists (every snapshot's
 *   lists are prefixes of the live ones, so lengths say which prefix a core holds).
 *
 * The head holds the counters, every list's length, and the live core written relative to
 * the newest snapshot: its size is bounded by the borrower's loans, never by the history.
 *
 * `persistDelta(prev, next)` says what to write when `prev` is what is stored: per list,
 * how many of the oldest items stay (the tail `next` shares with `prev`, found by node
 * identity) and the items to append after them. An in-order apply appends its log record,
 * its few history entries and payment, and every SNAPSHOT_EVERY records one snapshot; a
 * back-dated one cuts each list back to the shared part and appends the replayed rest.
 * `restoreState(head, lists)` rebuilds the state (with the structural sharing of loans,
 * installments and list nodes the engine relies on for cheap applies).
 */
import { push, type List } from './cons.js';
import {
  dec, historyIn, historyOut, installmentIn, installmentOut, lifecycleIn, lifecycleOut, loanFromJson, logIn, logOut,
  paymentIn, paymentOut, promiseIn, promiseOut, rebuild, str, termsOut,
} from './serialize.js';
import { isLegacyDocument, readLegacyDocument } from './legacy-document.js';
import type { Core, HistoryRecord, Installment, Loan, LogRecord, PaymentRecord, Snapshot } from './model.js';
import { STATE_FORMAT, type BorrowerState } from './state.js';

type Json = any;

export const LIST_NAMES = ['log', 'snapshots', 'history', 'payments'] as const;
export type ListName = (typeof LIST_NAMES)[number];

export interface ListDelta {
  /** Items 0..keep-1 (oldest first) stay as stored; everything from `keep` on is replaced. */
  keep: number;
  /** The items at keep, keep+1, ... (JSON-safe). */
  append: unknown[];
}

export interface PersistDelta {
  /** JSON-safe; `format: 'lsl-ledger/2'`, `layout: 'head'`. */
  head: unknown;
  lists: Record<ListName, ListDelta>;
}

/** Loan fields fixed at origination (what `termsOut` writes). */
const TERM_KEYS = [
  'id', 'createdBySeq', 'createdByOperation', 'configId', 'loanConfig', 'amountFinanced', 'origination', 'originationDate', 'fixedInstallment',
  'interestRate', 'delinquencyRate', 'dailyDelinquencyFactor', 'dailyFee', 'dailyFeeMax', 'installmentFeeCharge', 'installmentFee2Charge',
  'guaranteeProvider', 'consolidationOf',
] as const satisfies ReadonlyArray<keyof Loan>;

function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

// --- cores relative to a base core ---------------------------------------------------------

/** A loan: 0 when it is the base's object; otherwise its mutable parts, its terms unless they are the base loan's, installments 0 where shared. */
function loanDeltaOut(loan: Loan, base: Loan | undefined): Json {
  if (loan === base) return 0;
  const sameTerms = base !== undefined && TERM_KEYS.every((k) => loan[k] === base[k]);
  return {
    t: sameTerms ? 0 : termsOut(loan),
    dfa: str(loan.dailyFeeAccrued),
    inst: loan.installments.map((inst, k) => (base !== undefined && base.installments[k] === inst ? 0 : installmentOut(inst))),
    ow: loan.owners,
    cl: loan.closed,
    po: loan.paidOff,
    ...lifecycleOut(loan, installmentOut),
  };
}

function loanDeltaIn(j: Json, id: string, base: Loan | undefined): Loan {
  if (j === 0) {
    if (base === undefined) throw new Error(`stored ledger: loan ${id} refers to a base that does not hold it`);
    return base;
  }
  const installments = (j.inst as Json[]).map((x, k): Installment => {
    if (x !== 0) return installmentIn(x);
    const shared = base?.installments[k];
    if (shared === undefined) throw new Error(`stored ledger: installment ${k} of loan ${id} refers to a missing base`);
    return shared;
  });
  if (j.t !== 0) return loanFromJson({ ...j.t, ...j, t: undefined }, installments);
  if (base === undefined) throw new Error(`stored ledger: loan ${id} takes its terms from a missing base`);
  return { ...base, dailyFeeAccrued: dec(j.dfa), installments, owners: j.ow, closed: j.cl ?? null, paidOff: j.po ?? null, ...lifecycleIn(j, (x) => installmentIn(x)) };
}

function coreOut(core: Core, base: Core | null): Json {
  return {
    day: core.day,
    ids: core.loanOrder,
    loans: core.loanOrder.map((id) => loanDeltaOut(core.loans[id]!, base === null ? undefined : own(base.loans, id))),
    pb: str(core.positiveBalance),
    h: core.history?.length ?? 0,
    p: core.payments?.length ?? 0,
    n: core.applied,
    ...(core.promises === undefined ? {} : { pr: Object.values(core.promises).map(promiseOut) }),
  };
}

function coreIn(j: Json, base: Core | null, history: Map<number, List<HistoryRecord>>, payments: Map<number, List<PaymentRecord>>): Core {
  const loans: Record<string, Loan> = {};
  const order = j.ids as string[];
  order.forEach((id, k) => {
    loans[id] = loanDeltaIn((j.loans as Json[])[k], id, base === null ? undefined : own(base.loans, id));
  });
  const h = history.get(j.h);
  const p = payments.get(j.p);
  if (h === undefined || p === undefined) throw new Error('stored ledger: a core refers to more history or payments than stored');
  const core: Core = { day: j.day, loans, loanOrder: order, positiveBalance: dec(j.pb), history: h, payments: p, applied: j.n };
  if (Array.isArray(j.pr)) core.promises = Object.fromEntries((j.pr as Json[]).map((x) => [x.id, promiseIn(x)]));
  return core;
}

// --- list items -----------------------------------------------------------------------------


/** A snapshot item: its core relative to the snapshot before it in the list. */
function snapshotOut(node: { head: Snapshot; tail: List<Snapshot> }): Json {
  return { i: node.head.index, c: coreOut(node.head.core, node.tail?.head.core ?? null) };
}

/** Length of the tail two lists share (by node identity); 0 when they share nothing. O(items after the shared tail). */
export function sharedLength<T>(a: List<T>, b: List<T>): number {
  let x = a;
  let y = b;
  while (x !== y) {
    const lx = x?.length ?? 0;
    const ly = y?.length ?? 0;
    if (lx >= ly) x = x!.tail;
    if (ly >= lx) y = y!.tail;
  }
  return x?.length ?? 0;
}

function appended<T>(list: List<T>, keep: number, out: (node: { head: T; tail: List<T> }) => Json): Json[] {
  const items: Json[] = [];
  for (let node = list; node !== null && node.length > keep; node = node.tail) items.push(out(node));
  return items.reverse();
}

function listDelta<T>(prev: List<T> | undefined, next: List<T>, out: (node: { head: T; tail: List<T> }) => Json): ListDelta {
  const keep = prev === undefined ? 0 : sharedLength(prev, next);
  return { keep, append: appended(next, keep, out) };
}

/** The head: counters, list lengths, the live core relative to the newest snapshot. */
export function headOf(state: BorrowerState): Json {
  return {
    format: STATE_FORMAT,
    layout: 'head',
    borrowerId: state.borrowerId,
    nextKordev: state.nextKordev,
    maxSeq: state.maxSeq,
    lengths: {
      log: state.log?.length ?? 0,
      snapshots: state.snapshots?.length ?? 0,
      history: state.live.history?.length ?? 0,
      payments: state.live.payments?.length ?? 0,
    },
    live: coreOut(state.live, state.snapshots?.head.core ?? null),
  };
}

/**
 * What to write so that the stored form of `prev` becomes that of `next`. `prev` must be
 * exactly what is stored (`undefined`: nothing is, or what is stored is a whole document):
 * then every list is written from 0. Cost: O(items appended + items replaced), plus the head.
 */
export function persistDelta(prev: BorrowerState | undefined, next: BorrowerState): PersistDelta {
  return {
    head: headOf(next),
    lists: {
      log: listDelta(prev?.log, next.log, (n) => logOut(n.head)),
      snapshots: listDelta(prev?.snapshots, next.snapshots, snapshotOut),
      history: listDelta(prev?.live.history, next.live.history, (n) => historyOut(n.head)),
      payments: listDelta(prev?.live.payments, next.live.payments, (n) => paymentOut(n.head)),
    },
  };
}

/** True for a head written by `persistDelta` (false for a whole document, or anything else). */
export function isPersistedHead(head: unknown): boolean {
  return head !== null && typeof head === 'object' && (head as Json).format === STATE_FORMAT && (head as Json).layout === 'head';
}

/**
 * The state from a head and every list's items (oldest first). An older row's whole
 * `lsl-ledger/1` document is accepted too, with no items.
 */
export function restoreState(head: unknown, lists: Partial<Record<string, unknown[]>>): BorrowerState {
  if (isLegacyDocument(head)) return readLegacyDocument(head);
  if (!isPersistedHead(head)) throw new Error('not a stored ledger head');
  const j = head as Json;
  const items = (name: ListName): Json[] => {
    const list = (lists[name] ?? []) as Json[];
    const expected = j.lengths[name] as number;
    if (list.length !== expected) throw new Error(`stored ledger of ${j.borrowerId}: ${list.length} ${name} items, the head says ${expected}`);
    return list;
  };
  const snapshotItems = items('snapshots');
  const cores: Json[] = [j.live, ...snapshotItems.map((s) => s.c)];
  const history = rebuild(items('history').map(historyIn), new Set(cores.map((c) => c.h as number)));
  const payments = rebuild(items('payments').map(paymentIn), new Set(cores.map((c) => c.p as number)));
  let snapshots: List<Snapshot> = null;
  let base: Core | null = null;
  for (const s of snapshotItems) {
    const core = coreIn(s.c, base, history, payments);
    snapshots = push(snapshots, { index: s.i, core });
    base = core;
  }
  let log: List<LogRecord> = null;
  for (const r of items('log')) log = push(log, logIn(r));
  return {
    format: STATE_FORMAT,
    borrowerId: j.borrowerId,
    log,
    live: coreIn(j.live, base, history, payments),
    snapshots,
    nextKordev: j.nextKordev,
    maxSeq: j.maxSeq,
  };
}

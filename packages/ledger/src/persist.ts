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
  historyIn, historyOut, installmentIn, installmentOut, lifecycleOut, loanPartsIn, logIn, logOut, paymentIn, paymentOut, promiseIn, promiseOut, rebuild, str,
  termsIn, termsOut, TERM_KEYS, type StoredDecimal, type StoredHistory, type StoredInstallment, type StoredLifecycle, type StoredLogRecord,
  type StoredPayment, type StoredPromise, type StoredTerms,
} from './serialize.js';
import { decimal, int, intOrNull, list, record, text, StoredLedgerError } from './stored-json.js';
import type { DayNum } from './calendar.js';
import type { Core, HistoryRecord, Installment, Loan, LogRecord, OwnerSpan, PaymentRecord, Snapshot } from './model.js';
import { STATE_FORMAT, type BorrowerState } from './state.js';

export const LIST_NAMES = ['log', 'snapshots', 'history', 'payments'] as const;
export type ListName = (typeof LIST_NAMES)[number];

/** A loan of a stored core: 0 when it is the base core's loan; otherwise its parts, its terms 0 when the base loan's, installments 0 where the base's. */
export type StoredLoan =
  | 0
  | ({
      t: 0 | StoredTerms;
      dfa: StoredDecimal;
      inst: Array<0 | StoredInstallment>;
      ow: OwnerSpan[];
      cl: Loan['closed'];
      po: DayNum | null;
    } & StoredLifecycle);

/** A core written relative to a base core (the snapshot before it). */
export interface StoredCore {
  day: DayNum | null;
  ids: readonly string[];
  loans: StoredLoan[];
  pb: StoredDecimal;
  /** Lengths of the live history and payments lists this core holds (a prefix of each). */
  h: number;
  p: number;
  n: number;
  /** The promises to pay, when there are any (older rows have none). */
  pr?: StoredPromise[];
}

export interface StoredSnapshot {
  i: number;
  c: StoredCore;
}

/** The head: counters, list lengths, the live core relative to the newest snapshot. */
export interface StoredHead {
  format: typeof STATE_FORMAT;
  layout: 'head';
  borrowerId: string;
  nextKordev: number;
  maxSeq: number;
  lengths: Record<ListName, number>;
  live: StoredCore;
}

/** The item type of each list. */
export interface StoredItems {
  log: StoredLogRecord;
  snapshots: StoredSnapshot;
  history: StoredHistory;
  payments: StoredPayment;
}

export interface ListDelta<T> {
  /** Items 0..keep-1 (oldest first) stay as stored; everything from `keep` on is replaced. */
  keep: number;
  /** The items at keep, keep+1, ... (JSON-safe). */
  append: T[];
}

export interface PersistDelta {
  head: StoredHead;
  lists: { [K in ListName]: ListDelta<StoredItems[K]> };
}

function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

// --- cores relative to a base core ---------------------------------------------------------

/** A loan: 0 when it is the base's object; otherwise its mutable parts, its terms unless they are the base loan's, installments 0 where shared. */
function loanDeltaOut(loan: Loan, base: Loan | undefined): StoredLoan {
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

function loanDeltaIn(x: unknown, id: string, base: Loan | undefined, path: string): Loan {
  if (x === 0) {
    if (base === undefined) throw new StoredLedgerError(`loan ${id} refers to a base that does not hold it`);
    return base;
  }
  const j = record(x, path);
  const installments = list(j['inst'], `${path}.inst`).map((item, k): Installment => {
    if (item !== 0) return installmentIn(item, `${path}.inst[${k}]`);
    const shared = base?.installments[k];
    if (shared === undefined) throw new StoredLedgerError(`installment ${k} of loan ${id} refers to a missing base`);
    return shared;
  });
  const parts = loanPartsIn(j, path);
  if (j['t'] !== 0) {
    const terms = termsIn(record(j['t'], `${path}.t`), `${path}.t`);
    if (terms.id !== id) throw new StoredLedgerError(`${path}.t is the terms of loan ${terms.id}, not of ${id}`);
    return { ...terms, installments, ...parts };
  }
  if (base === undefined) throw new StoredLedgerError(`loan ${id} takes its terms from a missing base`);
  return { ...base, installments, ...parts };
}

function coreOut(core: Core, base: Core | null): StoredCore {
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

/** The lengths of the history and payments lists a stored core holds. */
function coreLengths(x: unknown, path: string): { h: number; p: number } {
  const j = record(x, path);
  return { h: int(j['h'], `${path}.h`), p: int(j['p'], `${path}.p`) };
}

function coreIn(x: unknown, base: Core | null, history: Map<number, List<HistoryRecord>>, payments: Map<number, List<PaymentRecord>>, path: string): Core {
  const j = record(x, path);
  const order = list(j['ids'], `${path}.ids`).map((id, k) => text(id, `${path}.ids[${k}]`));
  const stored = list(j['loans'], `${path}.loans`);
  if (stored.length !== order.length) throw new StoredLedgerError(`${path} has ${order.length} loan ids and ${stored.length} loans`);
  const loans: Record<string, Loan> = {};
  order.forEach((id, k) => {
    loans[id] = loanDeltaIn(stored[k], id, base === null ? undefined : own(base.loans, id), `${path}.loans[${k}]`);
  });
  const h = history.get(int(j['h'], `${path}.h`));
  const p = payments.get(int(j['p'], `${path}.p`));
  if (h === undefined || p === undefined) throw new StoredLedgerError('a core refers to more history or payments than stored');
  const core: Core = { day: intOrNull(j['day'], `${path}.day`), loans, loanOrder: order, positiveBalance: decimal(j['pb'], `${path}.pb`), history: h, payments: p, applied: int(j['n'], `${path}.n`) };
  if (j['pr'] !== undefined) {
    const promises = list(j['pr'], `${path}.pr`).map((x, k) => promiseIn(x, `${path}.pr[${k}]`));
    core.promises = Object.fromEntries(promises.map((promise) => [promise.id, promise]));
  }
  return core;
}

// --- list items -----------------------------------------------------------------------------

/** A snapshot item: its core relative to the snapshot before it in the list. */
function snapshotOut(node: { head: Snapshot; tail: List<Snapshot> }): StoredSnapshot {
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

function appended<T, J>(list: List<T>, keep: number, out: (node: { head: T; tail: List<T> }) => J): J[] {
  const items: J[] = [];
  for (let node = list; node !== null && node.length > keep; node = node.tail) items.push(out(node));
  return items.reverse();
}

function listDelta<T, J>(prev: List<T> | undefined, next: List<T>, out: (node: { head: T; tail: List<T> }) => J): ListDelta<J> {
  const keep = prev === undefined ? 0 : sharedLength(prev, next);
  return { keep, append: appended(next, keep, out) };
}

/** The head: counters, list lengths, the live core relative to the newest snapshot. */
export function headOf(state: BorrowerState): StoredHead {
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
 * exactly what is stored (`undefined`: nothing is): then every list is written from 0.
 * Cost: O(items appended + items replaced), plus the head.
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

/**
 * The state from a stored head and every list's items (oldest first), as `JSON.parse` gave
 * them: the one decoder of a stored ledger, checked as it reads. Anything but a head of this
 * format whose lists hold the items it counts is a `StoredLedgerError`.
 */
export function restoreState(head: unknown, lists: Readonly<Partial<Record<string, readonly unknown[]>>>): BorrowerState {
  const j = record(head, 'head');
  if (j['format'] !== STATE_FORMAT || j['layout'] !== 'head') throw new StoredLedgerError(`not a stored ledger head (format ${String(j['format'])})`);
  const borrowerId = text(j['borrowerId'], 'head.borrowerId');
  const lengths = record(j['lengths'], 'head.lengths');
  const items = (name: ListName): readonly unknown[] => {
    const stored = lists[name] ?? [];
    const expected = int(lengths[name], `head.lengths.${name}`);
    if (stored.length !== expected) throw new StoredLedgerError(`of ${borrowerId}: ${stored.length} ${name} items, the head says ${expected}`);
    return stored;
  };
  const snapshotItems = items('snapshots').map((s, k) => record(s, `snapshots[${k}]`));
  const cores = [coreLengths(j['live'], 'head.live'), ...snapshotItems.map((s, k) => coreLengths(s['c'], `snapshots[${k}].c`))];
  const history = rebuild(items('history').map((x, k) => historyIn(x, `history[${k}]`)), new Set(cores.map((c) => c.h)));
  const payments = rebuild(items('payments').map((x, k) => paymentIn(x, `payments[${k}]`)), new Set(cores.map((c) => c.p)));
  let snapshots: List<Snapshot> = null;
  let base: Core | null = null;
  snapshotItems.forEach((s, k) => {
    const core = coreIn(s['c'], base, history, payments, `snapshots[${k}].c`);
    snapshots = push(snapshots, { index: int(s['i'], `snapshots[${k}].i`), core });
    base = core;
  });
  let log: List<LogRecord> = null;
  items('log').forEach((r, k) => {
    log = push(log, logIn(r, `log[${k}]`));
  });
  return {
    format: STATE_FORMAT,
    borrowerId,
    log,
    live: coreIn(j['live'], base, history, payments, 'head.live'),
    snapshots,
    nextKordev: int(j['nextKordev'], 'head.nextKordev'),
    maxSeq: int(j['maxSeq'], 'head.maxSeq'),
  };
}


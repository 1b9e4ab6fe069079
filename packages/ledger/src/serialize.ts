/**
 * JSON form of a BorrowerState (the worker keeps it in a jsonb column).
 *
 * Structural sharing survives the round trip: a loan object shared by several snapshots is
 * written once in a loan table and referenced by index; snapshot histories and payment lists
 * are prefixes of the live ones and are written as lengths. Buckets are compact arrays with
 * trailing zeros dropped. Decimals travel as strings, never as floats.
 */
import type { BucketType, LedgerOperation, LoanConfig } from './api.js';
import { push, toArray, type List } from './cons.js';
import { Dec, ZERO } from './decimal.js';
import { refresh } from './buckets.js';
import { BUCKETS, type Bucket, type Core, type HistoryRecord, type Installment, type Loan, type LogRecord, type PaymentRecord, type Snapshot } from './model.js';
import { STATE_FORMAT, type BorrowerState } from './state.js';

type Json = any;

export const str = (d: Dec): string => d.toString();
export const dec = (s: unknown): Dec => (s === 0 || s === undefined || s === null ? ZERO : new Dec(s as string));
const decOrNull = (s: unknown): Dec | null => (s === null || s === undefined ? null : new Dec(s as string));

function bucketOut(b: Bucket): Json {
  const parts: Json[] = [b.initial, b.paid, b.waived, b.closed].map((x) => (x.isZero() ? 0 : str(x)));
  // [initial, paid, waived, closed, pending?, chargedOff?]: older rows end at pending.
  parts.push(b.pending === null ? 0 : [str(b.pending.delta), b.pending.from, b.pending.to, b.pending.step]);
  parts.push(b.chargedOff.isZero() ? 0 : str(b.chargedOff));
  while (parts.length > 0 && parts[parts.length - 1] === 0) parts.pop();
  return parts.length === 0 ? 0 : parts;
}

function bucketIn(j: Json): Bucket {
  const a: unknown[] = Array.isArray(j) ? j : [];
  const p = a[4] as Json[] | undefined;
  const pending = Array.isArray(p) ? { delta: dec(p[0]), from: p[1] as number, to: p[2] as number, step: p[3] as string } : null;
  const bucket: Bucket = { initial: dec(a[0]), paid: dec(a[1]), waived: dec(a[2]), closed: dec(a[3]), chargedOff: dec(a[5]), out: ZERO, pending };
  refresh(bucket);
  return bucket;
}

export function installmentOut(i: Installment): Json {
  return [i.number, i.due, i.lateFeeCharged ? 1 : 0, BUCKETS.map((b) => bucketOut(i.buckets[b]))];
}

export function installmentIn(i: Json): Installment {
  const buckets = {} as Record<BucketType, Bucket>;
  BUCKETS.forEach((b, k) => { buckets[b] = bucketIn(i[3][k]); });
  return { number: i[0], due: i[1], lateFeeCharged: i[2] === 1, buckets };
}

/** What never changes after origination: written once per loan, however many snapshots hold it. */
export function termsOut(l: Loan): Json {
  return {
    id: l.id, cs: l.createdBySeq, co: l.createdByOperation, cfg: l.configId, lc: l.loanConfig,
    af: str(l.amountFinanced), o: l.origination, od: l.originationDate, fi: str(l.fixedInstallment),
    ir: l.interestRate, dr: l.delinquencyRate, ddf: str(l.dailyDelinquencyFactor),
    df: l.dailyFee && str(l.dailyFee), dfm: l.dailyFeeMax && str(l.dailyFeeMax),
    f1: l.installmentFeeCharge && str(l.installmentFeeCharge), f2: l.installmentFee2Charge && str(l.installmentFee2Charge),
    gp: l.guaranteeProvider, cof: l.consolidationOf,
  };
}

function loanOut(l: Loan, installmentRef: (i: Installment) => number, termsRef: (l: Loan) => number): Json {
  return { t: termsRef(l), dfa: str(l.dailyFeeAccrued), inst: l.installments.map(installmentRef), ow: l.owners, cl: l.closed, po: l.paidOff, ...lifecycleOut(l, installmentOut) };
}

/** Charge-off and restructurings of a loan, only when present (older rows have neither). */
export function lifecycleOut(l: Loan, inst: (i: Installment) => Json): Json {
  const out: Json = {};
  if (l.chargedOff !== null) out.chg = l.chargedOff;
  if (l.former.length > 0) out.fmr = l.former.map(inst);
  if (l.restructurings.length > 0) out.rst = l.restructurings.map((r) => ({ ...r, principal: str(r.principal) }));
  return out;
}

export function lifecycleIn(j: Json, inst: (x: Json, k: number) => Installment): Pick<Loan, 'chargedOff' | 'former' | 'restructurings'> {
  return {
    chargedOff: j.chg ?? null,
    former: Array.isArray(j.fmr) ? (j.fmr as Json[]).map(inst) : [],
    restructurings: Array.isArray(j.rst) ? (j.rst as Json[]).map((r) => ({ id: r.id, day: r.day, seq: r.seq, principal: dec(r.principal) })) : [],
  };
}

function loanIn(loan: Json, installments: Installment[], terms: Json[]): Loan {
  return loanFromJson({ ...terms[loan.t], ...loan }, (loan.inst as number[]).map((k) => installments[k]!));
}

/** A loan from its terms and mutable parts merged in one object (`termsOut` + `loanOut` keys). */
export function loanFromJson(j: Json, installments: Installment[]): Loan {
  return {
    id: j.id, createdBySeq: j.cs, createdByOperation: j.co, configId: j.cfg, loanConfig: j.lc as LoanConfig,
    amountFinanced: dec(j.af), origination: j.o, originationDate: j.od, fixedInstallment: dec(j.fi),
    interestRate: j.ir, delinquencyRate: j.dr, dailyDelinquencyFactor: dec(j.ddf),
    dailyFee: decOrNull(j.df), dailyFeeMax: decOrNull(j.dfm), dailyFeeAccrued: dec(j.dfa),
    installmentFeeCharge: decOrNull(j.f1), installmentFee2Charge: decOrNull(j.f2), guaranteeProvider: j.gp ?? null,
    installments,
    owners: j.ow, closed: j.cl ?? null, paidOff: j.po ?? null, consolidationOf: j.cof ?? null,
    ...lifecycleIn(j, (x) => installmentIn(x)),
  };
}

export function historyOut(h: HistoryRecord): Json {
  const out: Json[] = [h.loanId, h.installment, h.bucket, h.status, str(h.delta), str(h.balance), h.day, h.step, h.operationId];
  if (h.newOwner !== undefined) out.push(h.newOwner);
  return out;
}

export function historyIn(j: Json): HistoryRecord {
  const h: HistoryRecord = { loanId: j[0], installment: j[1], bucket: j[2], status: j[3], delta: dec(j[4]), balance: dec(j[5]), day: j[6], step: j[7], operationId: j[8] };
  if (j.length > 9) h.newOwner = j[9];
  return h;
}

export function paymentOut(p: PaymentRecord): Json {
  return {
    k: p.kind, id: p.paymentId, s: p.seq, op: p.operationId, d: p.day, a: str(p.amount), pb: str(p.positiveBalance), l: p.loanId,
    ln: p.lines.map((x) => [x.loanId, x.installment, x.bucket, str(x.amount)]),
    ...(p.reversedOn === undefined ? {} : { rv: p.reversedOn }),
  };
}

export function paymentIn(j: Json): PaymentRecord {
  return {
    kind: j.k, paymentId: j.id, seq: j.s, operationId: j.op, day: j.d, amount: dec(j.a), positiveBalance: dec(j.pb), loanId: j.l,
    lines: (j.ln as Json[]).map((x) => ({ loanId: x[0], installment: x[1], bucket: x[2], amount: dec(x[3]) })),
    ...(j.rv === undefined ? {} : { reversedOn: j.rv }),
  };
}

export const logOut = (r: LogRecord): Json => ({ op: r.op, day: r.day, seq: r.seq, k: r.kordevId, e: r.effect, ...(r.reversal ? { rv: r.reversal } : {}) });
export const logIn = (r: Json): LogRecord => ({
  op: r.op as LedgerOperation, day: r.day, seq: r.seq, kordevId: r.kordevId ?? r.k, effect: r.e, ...(r.rv ? { reversal: r.rv } : {}),
});

const DOCUMENT_FORMAT = STATE_FORMAT;

/**
 * A whole-state document: `lsl-ledger/2` with `layout: 'document'`, or a legacy
 * `lsl-ledger/1` one (rows written before the head + items layout; same fields, the
 * bucket's pending accrual optional).
 */
export function isDocument(j: unknown): boolean {
  if (j === null || typeof j !== 'object') return false;
  const f = (j as Json).format;
  return f === 'lsl-ledger/1' || (f === DOCUMENT_FORMAT && (j as Json).layout === 'document');
}

export function serializeState(state: BorrowerState): unknown {
  // Loans and installments shared between snapshots are written once (identity tables).
  const instTable: Json[] = [];
  const instIndex = new Map<Installment, number>();
  const instRef = (inst: Installment): number => {
    let i = instIndex.get(inst);
    if (i === undefined) {
      i = instTable.length;
      instTable.push(installmentOut(inst));
      instIndex.set(inst, i);
    }
    return i;
  };
  const termsTable: Json[] = [];
  const termsIndex = new Map<string, number>();
  const termsRef = (loan: Loan): number => {
    const json = termsOut(loan);
    const key = JSON.stringify(json);
    let i = termsIndex.get(key);
    if (i === undefined) {
      i = termsTable.length;
      termsTable.push(json);
      termsIndex.set(key, i);
    }
    return i;
  };
  const table: Json[] = [];
  const index = new Map<Loan, number>();
  const ref = (loan: Loan): number => {
    let i = index.get(loan);
    if (i === undefined) {
      i = table.length;
      table.push(loanOut(loan, instRef, termsRef));
      index.set(loan, i);
    }
    return i;
  };
  const coreOut = (c: Core): Json => ({
    day: c.day,
    loans: c.loanOrder.map((id) => ref(c.loans[id]!)),
    pb: str(c.positiveBalance),
    h: c.history?.length ?? 0,
    p: c.payments?.length ?? 0,
    n: c.applied,
  });
  const live = coreOut(state.live);
  const snapshots = toArray(state.snapshots).map((s) => ({ index: s.index, core: coreOut(s.core) }));
  return {
    format: DOCUMENT_FORMAT,
    layout: 'document',
    borrowerId: state.borrowerId,
    nextKordev: state.nextKordev,
    maxSeq: state.maxSeq,
    log: toArray(state.log).map(logOut),
    history: toArray(state.live.history).map(historyOut),
    payments: toArray(state.live.payments).map(paymentOut),
    terms: termsTable,
    installments: instTable,
    loans: table,
    live,
    snapshots,
  };
}

/** Rebuilds a cons list, keeping the node of every length some core refers to. */
export function rebuild<T>(values: T[], lengths: Set<number>): Map<number, List<T>> {
  const nodes = new Map<number, List<T>>([[0, null]]);
  let list: List<T> = null;
  values.forEach((v, i) => {
    list = push(list, v);
    if (lengths.has(i + 1)) nodes.set(i + 1, list);
  });
  nodes.set(values.length, list);
  return nodes;
}

export function deserializeState(json: unknown): BorrowerState {
  const j = json as Json;
  if (j !== null && typeof j === 'object' && j.layout === 'head') {
    throw new Error('a stored ledger head, not a whole document: read it with restoreState(head, items) (@lsl/db loadBorrowerLedger)');
  }
  if (!isDocument(j)) throw new Error('not a serialized ledger state');
  const installments = (j.installments as Json[]).map(installmentIn);
  const loans = (j.loans as Json[]).map((l) => loanIn(l, installments, j.terms as Json[]));
  const cores: Json[] = [j.live, ...(j.snapshots as Json[]).map((s: Json) => s.core)];
  const history = rebuild((j.history as Json[]).map(historyIn), new Set(cores.map((c) => c.h)));
  const payments = rebuild((j.payments as Json[]).map(paymentIn), new Set(cores.map((c) => c.p)));
  const coreIn = (c: Json): Core => {
    const order: string[] = [];
    const map: Record<string, Loan> = {};
    for (const i of c.loans as number[]) {
      const loan = loans[i]!;
      order.push(loan.id);
      map[loan.id] = loan;
    }
    return { day: c.day, loans: map, loanOrder: order, positiveBalance: dec(c.pb), history: history.get(c.h) ?? null, payments: payments.get(c.p) ?? null, applied: c.n };
  };
  let log: List<LogRecord> = null;
  for (const r of j.log as Json[]) log = push(log, logIn(r));
  let snapshots: List<Snapshot> = null;
  for (const s of j.snapshots as Json[]) snapshots = push(snapshots, { index: s.index, core: coreIn(s.core) });
  return {
    format: STATE_FORMAT,
    borrowerId: j.borrowerId,
    log,
    live: coreIn(j.live),
    snapshots,
    nextKordev: j.nextKordev,
    maxSeq: j.maxSeq,
  };
}

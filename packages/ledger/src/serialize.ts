/**
 * The JSON codec of a state's parts (buckets, installments, loan terms, history entries,
 * payments, log records), shared by the stored form (`persist.ts`: head + items) and the
 * reader of older whole-document rows (`legacy-document.ts`). Buckets are compact arrays with
 * trailing zeros dropped. Decimals travel as strings, never as floats.
 */
import type { BucketType, LedgerOperation, LoanConfig } from './api.js';
import { push, type List } from './cons.js';
import { Dec, ZERO } from './decimal.js';
import { refresh } from './buckets.js';
import { BUCKETS, type Bucket, type HistoryRecord, type Installment, type Loan, type LogRecord, type PaymentRecord, type PromiseRecord } from './model.js';

export type Json = any;

export const str = (d: Dec): string => d.toString();
export const dec = (s: unknown): Dec => (s === 0 || s === undefined || s === null ? ZERO : new Dec(s as string));
const decOrNull = (s: unknown): Dec | null => (s === null || s === undefined ? null : new Dec(s as string));

function bucketOut(b: Bucket): Json {
  const parts: Json[] = [b.initial, b.paid, b.waived, b.closed].map((x) => (x.isZero() ? 0 : str(x)));
  // [initial, paid, waived, closed, pending?, chargedOff?]: older rows end at pending.
  parts.push(b.pending === null ? 0 : [str(b.pending.delta), b.pending.from, b.pending.to, b.pending.step]);
  parts.push(b.chargedOff.isZero() ? 0 : str(b.chargedOff));
  parts.push(b.halfEven === true ? 1 : 0); // [.., halfEven?]: absent on older rows and half-up loans
  while (parts.length > 0 && parts[parts.length - 1] === 0) parts.pop();
  return parts.length === 0 ? 0 : parts;
}

function bucketIn(j: Json): Bucket {
  const a: unknown[] = Array.isArray(j) ? j : [];
  const p = a[4] as Json[] | undefined;
  const pending = Array.isArray(p) ? { delta: dec(p[0]), from: p[1] as number, to: p[2] as number, step: p[3] as string } : null;
  const bucket: Bucket = { initial: dec(a[0]), paid: dec(a[1]), waived: dec(a[2]), closed: dec(a[3]), chargedOff: dec(a[5]), out: ZERO, pending };
  if (a[6] === 1) bucket.halfEven = true;
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

/** Charge-off and restructurings of a loan, only when present (older rows have neither). */
export function lifecycleOut(l: Loan, inst: (i: Installment) => Json): Json {
  const out: Json = {};
  if (l.chargedOff !== null) out.chg = l.chargedOff;
  if (l.former.length > 0) out.fmr = l.former.map(inst);
  if (l.restructurings.length > 0) out.rst = l.restructurings.map((r) => ({ ...r, principal: str(r.principal) }));
  if (l.prepayments !== undefined && l.prepayments.length > 0) out.ppy = l.prepayments.map((p) => ({ ...p, amount: str(p.amount) }));
  return out;
}

export function lifecycleIn(j: Json, inst: (x: Json, k: number) => Installment): Pick<Loan, 'chargedOff' | 'former' | 'restructurings' | 'prepayments'> {
  return {
    chargedOff: j.chg ?? null,
    former: Array.isArray(j.fmr) ? (j.fmr as Json[]).map(inst) : [],
    restructurings: Array.isArray(j.rst) ? (j.rst as Json[]).map((r) => ({ id: r.id, day: r.day, seq: r.seq, principal: dec(r.principal) })) : [],
    ...(Array.isArray(j.ppy) ? { prepayments: (j.ppy as Json[]).map((p) => ({ paymentId: p.paymentId, day: p.day, amount: dec(p.amount), effect: p.effect })) } : {}),
  };
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

/** A promise to pay (few per borrower: written whole in every core that holds it). */
export function promiseOut(p: PromiseRecord): Json {
  return { id: p.id, l: p.loanId, a: str(p.amount), f: p.from, d: p.due, s: p.seq, ...(p.canceled === null ? {} : { c: p.canceled }) };
}

export function promiseIn(j: Json): PromiseRecord {
  return { id: j.id, loanId: j.l ?? null, amount: dec(j.a), from: j.f, due: j.d, seq: j.s, canceled: j.c ?? null };
}

export const logOut = (r: LogRecord): Json => ({ op: r.op, day: r.day, seq: r.seq, k: r.kordevId, e: r.effect, ...(r.reversal ? { rv: r.reversal } : {}) });
export const logIn = (r: Json): LogRecord => ({
  op: r.op as LedgerOperation, day: r.day, seq: r.seq, kordevId: r.kordevId ?? r.k, effect: r.e, ...(r.rv ? { reversal: r.rv } : {}),
});

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

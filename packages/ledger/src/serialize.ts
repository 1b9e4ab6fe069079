/**
 * The JSON codec of a state's parts (buckets, installments, loan terms, history entries,
 * payments, log records), which the stored form (`persist.ts`: head + items) is made of. Each
 * part has its stored type (`Stored*`), written by its `...Out` and read back, checked, by its
 * `...In` from what `JSON.parse` gave (a part that does not have its shape is a
 * `StoredLedgerError` naming where it is). Buckets are compact arrays with trailing zeros
 * dropped. Decimals travel as strings, never as floats.
 *
 * Values the ledger keeps as they came (a loan's config, its owners, the operation of a log
 * record, ...) are checked where read and kept as the very objects stored, so that a state
 * read and written again is written byte for byte as it was.
 */
import type { BucketType, LedgerOperation, LoanConfig } from './api.js';
import { push, type List } from './cons.js';
import { Dec, ZERO } from './decimal.js';
import { refresh } from './buckets.js';
import { DAY_COUNTS, INTEREST_METHODS, RATE_TYPES, ROUNDINGS } from './conventions.js';
import type { DayNum } from './calendar.js';
import type { DelinquencyBucket } from './configs.js';
import { isOperationType } from './operations/registry.js';
import {
  BUCKETS, type AllocationLine, type Bucket, type Effect, type HistoryRecord, type Installment, type Loan, type LogRecord, type OwnerSpan,
  type PaymentRecord, type PendingAccrual, type PrepaymentRecord, type PromiseRecord, type RatePair, type RestructuringRecord, type ReversalMark,
} from './model.js';
import {
  decimal, decimalOrNull, fail, int, intOrNull, isInt, isListOf, isMember, isNumber, isRecord, list, member, record, text, textOrNull,
} from './stored-json.js';

export type { Json } from './stored-json.js';

/** A decimal as text. */
export type StoredDecimal = string;
/** A pending accrual: `[delta, from, to, step]`. */
export type StoredPending = [delta: StoredDecimal, from: DayNum, to: DayNum, step: string];
/**
 * A bucket: `[initial, paid, waived, closed, pending, chargedOff, halfEven]`, each 0 when zero
 * (halfEven: 1 when set), trailing zeros dropped (older rows end at pending); 0 when all are.
 */
export type StoredBucket = 0 | Array<StoredDecimal | StoredPending | 0 | 1>;
/** An installment: `[number, due, lateFeeCharged, buckets in BUCKETS order]`. */
export type StoredInstallment = [number: number, due: DayNum, lateFeeCharged: 0 | 1, buckets: StoredBucket[]];

/** What never changes after origination: written once per loan, however many snapshots hold it. */
export interface StoredTerms {
  id: string;
  cs: number;
  co: string;
  cfg: string;
  lc: LoanConfig;
  af: StoredDecimal;
  o: DayNum;
  od: string;
  fi: StoredDecimal;
  ir: RatePair;
  dr: RatePair;
  ddf: StoredDecimal;
  df: StoredDecimal | null;
  dfm: StoredDecimal | null;
  f1: StoredDecimal | null;
  f2: StoredDecimal | null;
  gp: string | null;
  cof: string[] | null;
}

export interface StoredRestructuring {
  id: string;
  day: DayNum;
  seq: number;
  principal: StoredDecimal;
}

export interface StoredPrepayment {
  paymentId: string;
  day: DayNum;
  amount: StoredDecimal;
  effect: PrepaymentRecord['effect'];
}

/** Charge-off and restructurings of a loan, only when present (older rows have neither). */
export interface StoredLifecycle {
  chg?: NonNullable<Loan['chargedOff']>;
  fmr?: StoredInstallment[];
  rst?: StoredRestructuring[];
  ppy?: StoredPrepayment[];
}

/** A history entry: `[loanId, installment, bucket, status, delta, balance, day, step, operationId, newOwner?]`. */
export type StoredHistory =
  | [loanId: string | null, installment: number | null, bucket: HistoryRecord['bucket'], status: string, delta: StoredDecimal, balance: StoredDecimal, day: DayNum, step: string, operationId: string | null]
  | [loanId: string | null, installment: number | null, bucket: HistoryRecord['bucket'], status: string, delta: StoredDecimal, balance: StoredDecimal, day: DayNum, step: string, operationId: string | null, newOwner: string | null];

export interface StoredPayment {
  k: PaymentRecord['kind'];
  id: string | null;
  s: number | null;
  op: string | null;
  d: DayNum;
  a: StoredDecimal;
  pb: StoredDecimal;
  l: string | null;
  /** Lines: `[loanId, installment, bucket, amount]`. */
  ln: Array<[loanId: string, installment: number, bucket: BucketType, amount: StoredDecimal]>;
  rv?: DayNum;
}

/** A promise to pay (docs/ledger.md "Promise to pay"); `c` only once cancelled. */
export interface StoredPromise {
  id: string;
  l: string | null;
  a: StoredDecimal;
  f: DayNum;
  d: DayNum;
  s: number;
  c?: { day: DayNum; seq: number };
}

export interface StoredLogRecord {
  op: LedgerOperation;
  day: DayNum;
  seq: number;
  k: number;
  e: Effect;
  rv?: ReversalMark;
}

export const str = (d: Dec): StoredDecimal => d.toString();

const EFFECTS: readonly Effect[] = ['applied', 'voided', 'clamped', 'reversed'];
const PAYMENT_KINDS: ReadonlyArray<PaymentRecord['kind']> = ['payment', 'payoff', 'positive_balance_application', 'cancellation_refund'];
const HISTORY_BUCKETS: ReadonlyArray<HistoryRecord['bucket']> = [...BUCKETS, 'positive_balance', 'owner', 'payment', 'loan'];
const PREPAYMENT_EFFECTS: ReadonlyArray<PrepaymentRecord['effect']> = ['reduce_term', 'reduce_installment'];

// --- values kept as stored: checked, never rebuilt ------------------------------------------

const isNullableNumber = (x: unknown): x is number | null => x === null || isNumber(x);
const isText = (x: unknown): x is string => typeof x === 'string';

function isRatePair(x: unknown): x is RatePair {
  return isRecord(x) && isNumber(x['fixed']) && isNumber(x['applicable']);
}

function isOwnerSpan(x: unknown): x is OwnerSpan {
  return isRecord(x) && isInt(x['from']) && (x['owner'] === null || typeof x['owner'] === 'string');
}

function isClosing(x: unknown): x is NonNullable<Loan['closed']> {
  return isRecord(x) && (x['kind'] === 'cancelled' || x['kind'] === 'consolidated') && isInt(x['day']) && (x['into'] === null || typeof x['into'] === 'string') && isInt(x['bySeq']);
}

function isChargeOff(x: unknown): x is NonNullable<Loan['chargedOff']> {
  return isRecord(x) && isInt(x['day']) && isInt(x['bySeq']);
}

function isReversalMark(x: unknown): x is ReversalMark {
  return isRecord(x) && isInt(x['day']) && isInt(x['seq']) && typeof x['operationId'] === 'string';
}

function isDelinquencyBucket(x: unknown): x is DelinquencyBucket {
  return isRecord(x) && typeof x['code'] === 'string' && isInt(x['min_days']) && (x['max_days'] === null || isInt(x['max_days']));
}

const optional = <T>(value: unknown, is: (x: unknown) => x is T): boolean => value === undefined || is(value);

/** A loan config as the operation that created the loan resolved it (every field checked). */
export function isLoanConfig(x: unknown): x is LoanConfig {
  return (
    isRecord(x) &&
    typeof x['id'] === 'string' &&
    isInt(x['version']) &&
    isNullableNumber(x['usury_rate']) &&
    (x['usury_behavior'] === 'cap' || x['usury_behavior'] === 'reject') &&
    isNullableNumber(x['daily_fee_max_charge']) &&
    isNullableNumber(x['late_fee_amount']) &&
    isInt(x['late_fee_grace_days']) &&
    optional(x['rate_type'], (v) => isMember(v, RATE_TYPES)) &&
    optional(x['day_count'], (v) => isMember(v, DAY_COUNTS)) &&
    optional(x['interest_method'], (v) => isMember(v, INTEREST_METHODS)) &&
    optional(x['rounding'], (v) => isMember(v, ROUNDINGS)) &&
    optional(x['delinquency_buckets'], (v) => isListOf(v, isDelinquencyBucket))
  );
}

/**
 * An operation of the log: its envelope checked (a known type, its seq, id, instant and body).
 * Its body and configs are the ones the operation codec decoded and checked when it was
 * applied, stored under this format version since.
 */
export function isStoredOperation(x: unknown): x is LedgerOperation {
  return (
    isRecord(x) &&
    typeof x['type'] === 'string' &&
    isOperationType(x['type']) &&
    isInt(x['seq']) &&
    typeof x['operationId'] === 'string' &&
    typeof x['recordedAt'] === 'string' &&
    isRecord(x['body'])
  );
}

function kept<T>(value: unknown, is: (x: unknown) => x is T, path: string, expected: string): T {
  if (!is(value)) return fail(path, expected);
  return value;
}

// --- buckets and installments ---------------------------------------------------------------

function bucketOut(b: Bucket): StoredBucket {
  const parts: Array<StoredDecimal | StoredPending | 0 | 1> = [b.initial, b.paid, b.waived, b.closed].map((x) => (x.isZero() ? 0 : str(x)));
  // [initial, paid, waived, closed, pending?, chargedOff?]: older rows end at pending.
  parts.push(b.pending === null ? 0 : [str(b.pending.delta), b.pending.from, b.pending.to, b.pending.step]);
  parts.push(b.chargedOff.isZero() ? 0 : str(b.chargedOff));
  parts.push(b.halfEven === true ? 1 : 0); // [.., halfEven?]: absent on older rows and half-up loans
  while (parts.length > 0 && parts[parts.length - 1] === 0) parts.pop();
  return parts.length === 0 ? 0 : parts;
}

function pendingIn(j: unknown, path: string): PendingAccrual | null {
  if (j === 0 || j === undefined || j === null) return null;
  const p = list(j, path);
  return { delta: decimal(p[0], `${path}[0]`), from: int(p[1], `${path}[1]`), to: int(p[2], `${path}[2]`), step: text(p[3], `${path}[3]`) };
}

function bucketIn(j: unknown, path: string): Bucket {
  const a = j === 0 ? [] : list(j, path);
  const at = (k: number): Dec => decimal(a[k], `${path}[${k}]`);
  const bucket: Bucket = { initial: at(0), paid: at(1), waived: at(2), closed: at(3), chargedOff: at(5), out: ZERO, pending: pendingIn(a[4], `${path}[4]`) };
  if (a[6] === 1) bucket.halfEven = true;
  refresh(bucket);
  return bucket;
}

export function installmentOut(i: Installment): StoredInstallment {
  return [i.number, i.due, i.lateFeeCharged ? 1 : 0, BUCKETS.map((b) => bucketOut(i.buckets[b]))];
}

export function installmentIn(j: unknown, path: string): Installment {
  const i = list(j, path);
  const stored = list(i[3], `${path}[3]`);
  const at = (b: BucketType): Bucket => {
    const k = BUCKETS.indexOf(b);
    return bucketIn(stored[k], `${path}[3][${k}]`);
  };
  const buckets: Record<BucketType, Bucket> = {
    principal: at('principal'),
    interest: at('interest'),
    installment_fee: at('installment_fee'),
    installment_fee_2: at('installment_fee_2'),
    delinquency_interest: at('delinquency_interest'),
    daily_fee: at('daily_fee'),
    late_fee: at('late_fee'),
  };
  return { number: int(i[0], `${path}[0]`), due: int(i[1], `${path}[1]`), lateFeeCharged: i[2] === 1, buckets };
}

// --- loans ----------------------------------------------------------------------------------

export function termsOut(l: Loan): StoredTerms {
  return {
    id: l.id, cs: l.createdBySeq, co: l.createdByOperation, cfg: l.configId, lc: l.loanConfig,
    af: str(l.amountFinanced), o: l.origination, od: l.originationDate, fi: str(l.fixedInstallment),
    ir: l.interestRate, dr: l.delinquencyRate, ddf: str(l.dailyDelinquencyFactor),
    df: l.dailyFee && str(l.dailyFee), dfm: l.dailyFeeMax && str(l.dailyFeeMax),
    f1: l.installmentFeeCharge && str(l.installmentFeeCharge), f2: l.installmentFee2Charge && str(l.installmentFee2Charge),
    gp: l.guaranteeProvider, cof: l.consolidationOf,
  };
}

/** The loan fields `termsOut` writes, read from `j` (terms, or terms and a loan's parts merged). */
export function termsIn(j: Record<string, unknown>, path: string): Pick<Loan, (typeof TERM_KEYS)[number]> {
  return {
    id: text(j['id'], `${path}.id`), createdBySeq: int(j['cs'], `${path}.cs`), createdByOperation: text(j['co'], `${path}.co`),
    configId: text(j['cfg'], `${path}.cfg`), loanConfig: kept(j['lc'], isLoanConfig, `${path}.lc`, 'a loan config'),
    amountFinanced: decimal(j['af'], `${path}.af`), origination: int(j['o'], `${path}.o`), originationDate: text(j['od'], `${path}.od`),
    fixedInstallment: decimal(j['fi'], `${path}.fi`),
    interestRate: kept(j['ir'], isRatePair, `${path}.ir`, 'a rate pair'), delinquencyRate: kept(j['dr'], isRatePair, `${path}.dr`, 'a rate pair'),
    dailyDelinquencyFactor: decimal(j['ddf'], `${path}.ddf`),
    dailyFee: decimalOrNull(j['df'], `${path}.df`), dailyFeeMax: decimalOrNull(j['dfm'], `${path}.dfm`),
    installmentFeeCharge: decimalOrNull(j['f1'], `${path}.f1`), installmentFee2Charge: decimalOrNull(j['f2'], `${path}.f2`),
    guaranteeProvider: textOrNull(j['gp'], `${path}.gp`),
    consolidationOf: j['cof'] === undefined || j['cof'] === null ? null : kept(j['cof'], (x) => isListOf(x, isText), `${path}.cof`, 'a list of loan ids'),
  };
}

/** Loan fields fixed at origination (what `termsOut` writes). */
export const TERM_KEYS = [
  'id', 'createdBySeq', 'createdByOperation', 'configId', 'loanConfig', 'amountFinanced', 'origination', 'originationDate', 'fixedInstallment',
  'interestRate', 'delinquencyRate', 'dailyDelinquencyFactor', 'dailyFee', 'dailyFeeMax', 'installmentFeeCharge', 'installmentFee2Charge',
  'guaranteeProvider', 'consolidationOf',
] as const satisfies ReadonlyArray<keyof Loan>;

/** Charge-off and restructurings of a loan, only when present (older rows have neither). */
export function lifecycleOut(l: Loan, inst: (i: Installment) => StoredInstallment): StoredLifecycle {
  const out: StoredLifecycle = {};
  if (l.chargedOff !== null) out.chg = l.chargedOff;
  if (l.former.length > 0) out.fmr = l.former.map(inst);
  if (l.restructurings.length > 0) out.rst = l.restructurings.map((r) => ({ ...r, principal: str(r.principal) }));
  if (l.prepayments !== undefined && l.prepayments.length > 0) out.ppy = l.prepayments.map((p) => ({ ...p, amount: str(p.amount) }));
  return out;
}

function restructuringIn(j: unknown, path: string): RestructuringRecord {
  const r = record(j, path);
  return { id: text(r['id'], `${path}.id`), day: int(r['day'], `${path}.day`), seq: int(r['seq'], `${path}.seq`), principal: decimal(r['principal'], `${path}.principal`) };
}

function prepaymentIn(j: unknown, path: string): PrepaymentRecord {
  const p = record(j, path);
  return {
    paymentId: text(p['paymentId'], `${path}.paymentId`), day: int(p['day'], `${path}.day`), amount: decimal(p['amount'], `${path}.amount`),
    effect: member(p['effect'], PREPAYMENT_EFFECTS, `${path}.effect`),
  };
}

export function lifecycleIn(j: Record<string, unknown>, path: string): Pick<Loan, 'chargedOff' | 'former' | 'restructurings' | 'prepayments'> {
  const chg = j['chg'];
  const fmr = j['fmr'];
  const rst = j['rst'];
  const ppy = j['ppy'];
  return {
    chargedOff: chg === undefined || chg === null ? null : kept(chg, isChargeOff, `${path}.chg`, 'a charge-off'),
    former: fmr === undefined ? [] : list(fmr, `${path}.fmr`).map((x, k) => installmentIn(x, `${path}.fmr[${k}]`)),
    restructurings: rst === undefined ? [] : list(rst, `${path}.rst`).map((x, k) => restructuringIn(x, `${path}.rst[${k}]`)),
    ...(ppy === undefined ? {} : { prepayments: list(ppy, `${path}.ppy`).map((x, k) => prepaymentIn(x, `${path}.ppy[${k}]`)) }),
  };
}

/** The parts of a loan that change after origination (what a stored loan writes beside its terms). */
export function loanPartsIn(j: Record<string, unknown>, path: string): Pick<Loan, 'dailyFeeAccrued' | 'owners' | 'closed' | 'paidOff' | 'chargedOff' | 'former' | 'restructurings' | 'prepayments'> {
  const closed = j['cl'];
  return {
    dailyFeeAccrued: decimal(j['dfa'], `${path}.dfa`),
    owners: kept(j['ow'], (x) => isListOf(x, isOwnerSpan), `${path}.ow`, 'a list of owner spans'),
    closed: closed === undefined || closed === null ? null : kept(closed, isClosing, `${path}.cl`, 'a closing'),
    paidOff: intOrNull(j['po'], `${path}.po`),
    ...lifecycleIn(j, path),
  };
}

// --- history, payments, log -----------------------------------------------------------------

export function historyOut(h: HistoryRecord): StoredHistory {
  const out: StoredHistory = [h.loanId, h.installment, h.bucket, h.status, str(h.delta), str(h.balance), h.day, h.step, h.operationId];
  return h.newOwner === undefined ? out : [...out, h.newOwner];
}

export function historyIn(x: unknown, path: string): HistoryRecord {
  const j = list(x, path);
  const h: HistoryRecord = {
    loanId: textOrNull(j[0], `${path}[0]`), installment: intOrNull(j[1], `${path}[1]`), bucket: member(j[2], HISTORY_BUCKETS, `${path}[2]`),
    status: text(j[3], `${path}[3]`), delta: decimal(j[4], `${path}[4]`), balance: decimal(j[5], `${path}[5]`), day: int(j[6], `${path}[6]`),
    step: text(j[7], `${path}[7]`), operationId: textOrNull(j[8], `${path}[8]`),
  };
  if (j.length > 9) h.newOwner = textOrNull(j[9], `${path}[9]`);
  return h;
}

export function paymentOut(p: PaymentRecord): StoredPayment {
  return {
    k: p.kind, id: p.paymentId, s: p.seq, op: p.operationId, d: p.day, a: str(p.amount), pb: str(p.positiveBalance), l: p.loanId,
    ln: p.lines.map((x) => [x.loanId, x.installment, x.bucket, str(x.amount)]),
    ...(p.reversedOn === undefined ? {} : { rv: p.reversedOn }),
  };
}

function lineIn(x: unknown, path: string): AllocationLine {
  const l = list(x, path);
  return { loanId: text(l[0], `${path}[0]`), installment: int(l[1], `${path}[1]`), bucket: member(l[2], BUCKETS, `${path}[2]`), amount: decimal(l[3], `${path}[3]`) };
}

export function paymentIn(x: unknown, path: string): PaymentRecord {
  const j = record(x, path);
  return {
    kind: member(j['k'], PAYMENT_KINDS, `${path}.k`), paymentId: textOrNull(j['id'], `${path}.id`), seq: intOrNull(j['s'], `${path}.s`),
    operationId: textOrNull(j['op'], `${path}.op`), day: int(j['d'], `${path}.d`), amount: decimal(j['a'], `${path}.a`),
    positiveBalance: decimal(j['pb'], `${path}.pb`), loanId: textOrNull(j['l'], `${path}.l`),
    lines: list(j['ln'], `${path}.ln`).map((l, k) => lineIn(l, `${path}.ln[${k}]`)),
    ...(j['rv'] === undefined ? {} : { reversedOn: int(j['rv'], `${path}.rv`) }),
  };
}

/** A promise (few per borrower: written whole in every core that holds it). */
export function promiseOut(p: PromiseRecord): StoredPromise {
  return { id: p.id, l: p.loanId, a: str(p.amount), f: p.from, d: p.due, s: p.seq, ...(p.canceled === null ? {} : { c: p.canceled }) };
}

export function promiseIn(x: unknown, path: string): PromiseRecord {
  const j = record(x, path);
  const c = j['c'] === undefined ? null : record(j['c'], `${path}.c`);
  return {
    id: text(j['id'], `${path}.id`), loanId: textOrNull(j['l'], `${path}.l`), amount: decimal(j['a'], `${path}.a`),
    from: int(j['f'], `${path}.f`), due: int(j['d'], `${path}.d`), seq: int(j['s'], `${path}.s`),
    canceled: c === null ? null : { day: int(c['day'], `${path}.c.day`), seq: int(c['seq'], `${path}.c.seq`) },
  };
}

export const logOut = (r: LogRecord): StoredLogRecord => ({ op: r.op, day: r.day, seq: r.seq, k: r.kordevId, e: r.effect, ...(r.reversal ? { rv: r.reversal } : {}) });

export function logIn(x: unknown, path: string): LogRecord {
  const r = record(x, path);
  const rv = r['rv'];
  return {
    op: kept(r['op'], isStoredOperation, `${path}.op`, 'an operation'), day: int(r['day'], `${path}.day`), seq: int(r['seq'], `${path}.seq`),
    kordevId: int(r['k'], `${path}.k`), effect: member(r['e'], EFFECTS, `${path}.e`),
    ...(rv === undefined || rv === null || rv === false ? {} : { reversal: kept(rv, isReversalMark, `${path}.rv`, 'a reversal mark') }),
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

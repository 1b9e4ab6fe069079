/**
 * The engine's internal model. Every object here is treated as immutable once it leaves
 * a `Draft` (see draft.ts): a new state shares every loan it did not touch with the old one.
 */
import { BUCKET_TYPES, type BucketType, type LedgerOperation, type LoanConfig } from './api.js';
import type { DayNum } from './calendar.js';
import type { List } from './cons.js';
import type { Dec } from './decimal.js';

export const BUCKETS: readonly BucketType[] = [
  'principal',
  'interest',
  'installment_fee',
  'installment_fee_2',
  'delinquency_interest',
  'daily_fee',
  'late_fee',
];

/** One value per bucket, built by `value` in BUCKETS order. */
export function perBucket<T>(value: (bucket: BucketType) => T): Record<BucketType, T> {
  return {
    principal: value('principal'),
    interest: value('interest'),
    installment_fee: value('installment_fee'),
    installment_fee_2: value('installment_fee_2'),
    delinquency_interest: value('delinquency_interest'),
    daily_fee: value('daily_fee'),
    late_fee: value('late_fee'),
  };
}

export function isBucketType(value: unknown): value is BucketType {
  return BUCKETS.some((b) => b === value);
}

/** docs/ledger.md default payment order within one installment. */
export const DEFAULT_ORDER: readonly BucketType[] = BUCKET_TYPES;

export interface Bucket {
  /** Full precision for delinquency interest (rounded when read); cents elsewhere. */
  initial: Dec;
  paid: Dec;
  waived: Dec;
  closed: Dec;
  /** Written off by a charge-off and not yet recovered (a recovery moves it to `paid`). */
  chargedOff: Dec;
  /** round2(initial) − paid − waived − closed − chargedOff, kept current by every movement (read often). */
  out: Dec;
  /**
   * Accruals not yet written to history: consecutive accrual spans of one bucket become one
   * history entry, written when something else moves the bucket or when history is read.
   * Kept on the bucket (not in a side table) so snapshots share it with the installment.
   */
  pending: PendingAccrual | null;
  /**
   * Set on the delinquency interest bucket of a loan whose config rounds half even
   * (docs/ledger.md, "Interest conventions"): its full-precision initial is read half even.
   */
  halfEven?: true;
}

export interface PendingAccrual {
  /** Sum of the rounded deltas of the accruals (what history will show). */
  delta: Dec;
  from: DayNum;
  to: DayNum;
  step: string;
}

export interface Installment {
  number: number;
  due: DayNum;
  buckets: Record<BucketType, Bucket>;
  lateFeeCharged: boolean;
}

export interface OwnerSpan {
  from: DayNum;
  owner: string | null;
}

export interface RatePair {
  fixed: number;
  applicable: number;
}

export interface Loan {
  id: string;
  /** seq of the operation that created it: kordev_id is looked up through it. */
  createdBySeq: number;
  createdByOperation: string;
  configId: string;
  loanConfig: LoanConfig;
  amountFinanced: Dec;
  origination: DayNum;
  /** As the lender sent it (create loan) or the consolidation's effective_date. */
  originationDate: string;
  fixedInstallment: Dec;
  interestRate: RatePair;
  delinquencyRate: RatePair;
  /** (1+R)^(1/365) − 1 for the applicable delinquency rate, computed once. */
  dailyDelinquencyFactor: Dec;
  dailyFee: Dec | null;
  dailyFeeMax: Dec | null;
  dailyFeeAccrued: Dec;
  installmentFeeCharge: Dec | null;
  installmentFee2Charge: Dec | null;
  guaranteeProvider: string | null;
  installments: Installment[];
  owners: OwnerSpan[];
  closed: null | { kind: 'cancelled' | 'consolidated'; day: DayNum; into: string | null; bySeq: number };
  /** Charged off on `day` (docs/ledger.md, "Charge-off"): accrues nothing, payments to it are recoveries. */
  chargedOff: null | { day: DayNum; bySeq: number };
  /** Installments closed by restructurings, oldest first (shown with `restructured: true`). */
  former: Installment[];
  /** Restructurings of this loan, oldest first. */
  restructurings: RestructuringRecord[];
  /** Prepayments that recomputed its schedule, oldest first (absent: none). */
  prepayments?: PrepaymentRecord[];
  paidOff: DayNum | null;
  /** Consolidation that created it, if any. */
  consolidationOf: string[] | null;
}

/** One prepayment of a loan (docs/ledger.md, "Prepayment"), as the status lists it. */
export interface PrepaymentRecord {
  paymentId: string;
  day: DayNum;
  /** What went to future principal. */
  amount: Dec;
  effect: 'reduce_term' | 'reduce_installment';
}

export interface RestructuringRecord {
  id: string;
  day: DayNum;
  principal: Dec;
  seq: number;
}

export interface AllocationLine {
  loanId: string;
  installment: number;
  bucket: BucketType;
  amount: Dec;
}

/** A payment, a payoff, an automatic use of the positive balance, or a refund of a cancelled loan. */
export interface PaymentRecord {
  kind: 'payment' | 'payoff' | 'positive_balance_application' | 'cancellation_refund';
  paymentId: string | null;
  seq: number | null;
  operationId: string | null;
  day: DayNum;
  amount: Dec;
  lines: AllocationLine[];
  /** Part that went to (payment, refund) or came from (application) the positive balance. */
  positiveBalance: Dec;
  loanId: string | null;
  /** A reversed payment: listed, but nothing of it was applied (docs/ledger.md, "Payment reversal"). */
  reversedOn?: DayNum;
}

export interface HistoryRecord {
  /** Null for the borrower's positive balance when no loan is involved. */
  loanId: string | null;
  installment: number | null;
  bucket: BucketType | 'positive_balance' | 'owner' | 'payment' | 'loan';
  status: string;
  delta: Dec;
  balance: Dec;
  day: DayNum;
  step: string;
  operationId: string | null;
  /** Transfers only: the owner from `day` on. */
  newOwner?: string | null;
}

/**
 * A promise to pay (docs/ledger.md, "Promise to pay"): what the borrower said they would pay,
 * by when. It moves no balance; its state is judged from the payments (promises.ts).
 */
export interface PromiseRecord {
  id: string;
  /** The loan whose payments count; null: every payment of the borrower. */
  loanId: string | null;
  amount: Dec;
  /** The effective day of its create_promise: payments from this day on count. */
  from: DayNum;
  /** The last day a payment counts. */
  due: DayNum;
  /** seq of the operation that created it (kordev_id is looked up through it). */
  seq: number;
  /** Cancelled from `day` on (cancel_promise). */
  canceled: null | { day: DayNum; seq: number };
}

/** What the engine knows after some prefix of the sorted operation log. */
export interface Core {
  /** End-of-day processing is done for every day < `day`; null before any operation. */
  day: DayNum | null;
  loans: Readonly<Record<string, Loan>>;
  /** Loan ids in creation order (ties in "oldest first" are broken by it). */
  loanOrder: readonly string[];
  positiveBalance: Dec;
  history: List<HistoryRecord>;
  payments: List<PaymentRecord>;
  /** Promises to pay by id, in creation order (absent: none; older stored cores have none). */
  promises?: Readonly<Record<string, PromiseRecord>>;
  /** Number of log records applied. */
  applied: number;
}

export type Effect = 'applied' | 'voided' | 'clamped' | 'reversed';

/**
 * On a log record taken out as if never made (a reversed payment, a reverted cancellation, a
 * cancelled consolidation): replays skip it; a reversed payment stays listed.
 */
export interface ReversalMark {
  day: DayNum;
  seq: number;
  operationId: string;
}

export interface LogRecord {
  op: LedgerOperation;
  day: DayNum;
  seq: number;
  kordevId: number;
  /** How the last replay treated it (see docs/ledger.md, "Back-dated operations"). */
  effect: Effect;
  reversal?: ReversalMark;
}

export interface Snapshot {
  /** Number of log records applied in `core` (the log prefix it reflects). */
  index: number;
  core: Core;
}

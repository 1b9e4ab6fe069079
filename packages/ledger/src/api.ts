/**
 * The public contract of the ledger package. The pipeline (apps/worker, apps/results-api)
 * codes against exactly these names; the engine behind them may change freely.
 *
 * Conventions:
 * - A `Day` is a calendar day in the ledger's time zone, `YYYY-MM-DD`.
 * - Instants (`recordedAt`, date-times in bodies) are ISO-8601 strings with an offset.
 * - Request bodies arrive typed (`OperationBodies`), as contracts' schemas output them (numbers
 *   are JS numbers); the engine turns every
 *   amount into a `Decimal` through its shortest string form, never through arithmetic on
 *   floats. Amounts in result bodies are JSON numbers with at most 2 decimals; echoed
 *   request fields are echoed as the lender sent them.
 * - `BorrowerState` is stored as a head plus list items through `persistDelta` /
 *   `restoreState` (docs/ledger.md "Persistence").
 */
import type { ConsolidationConfig, LoanConfig, PaymentConfig, RestructuringConfig, WaiverConfig } from './configs.js';

export type Day = string;

/**
 * The seven buckets of an installment, in docs/ledger.md's default payment order: the one list every
 * package uses (contracts validates against it, DEFAULT payment configs are made of it).
 */
export const BUCKET_TYPES = [
  'late_fee',
  'daily_fee',
  'delinquency_interest',
  'installment_fee_2',
  'installment_fee',
  'interest',
  'principal',
] as const;

export type BucketType = (typeof BUCKET_TYPES)[number];

/** The fifteen waiver scopes of the create-waiver seed, in the seed's order. */
export const WAIVER_SCOPES = [
  'all',
  'principal',
  'non_overdue_principal',
  'interest',
  'delinquency_interest',
  'installment_fee',
  'current_installment_fee',
  'current_installment',
  'non_overdue_installment_fee',
  'current_principal',
  'overdue_principal',
  'overdue_interest',
  'discount_at_origination',
  'overdue_installment_fee',
  'late_fee',
] as const;

export type WaiverScope = (typeof WAIVER_SCOPES)[number];

export interface LedgerOptions {
  /** IANA zone of the lender, e.g. `America/Bogota` (LEDGER_TIMEZONE). */
  timeZone: string;
}

export * from './configs.js';
export * from './operation-bodies.js';
export type { LedgerOperations, LedgerOperation, OperationType, OperationResults, OperationResult, OperationEvents } from './operations/registry.js';
import type { OperationResult } from './operations/registry.js';

/** The seed error body. `code` is the application error code (integer). */
export interface ErrorBody {
  code: number;
  context: Record<string, unknown>;
  error: string;
  status: string;
}

/**
 * A domain event of the ledger (docs/events.md): what an applied operation did, as `get_events`
 * lists it and webhooks deliver it. `type` is the name webhooks use, `<subject>.<verb>`
 * (`loan.originated`, `positive_balance.reimbursed`); `get_events` groups events under the
 * same name with the dot made an underscore (`loan_originated`).
 */
export interface LedgerEvent<T extends string = string> {
  type: T;
  loan_id: string | null;
  effective_date: Day;
  payload: Record<string, unknown>;
}

/**
 * A result body: the 200 body of the operation's type (`OperationResults`, the `Result` of its
 * declaration; keys in alphabetical order).
 */
export type ApplyBody = OperationResult;

export type ApplyResult =
  | { ok: true; statusCode: 200; body: ApplyBody; events?: LedgerEvent[] }
  /**
   * The ledger refuses with 400, 404 or 409; 500 is never the ledger's: `@lsl/ledger-store`
   * records it for an operation whose apply threw (a defect), so the borrower is not blocked.
   */
  | { ok: false; statusCode: 400 | 404 | 409 | 500; body: ErrorBody };

/**
 * The functions `src/index.ts` exports (implemented by the engine):
 *
 * - `emptyState(borrowerId: string): BorrowerState`
 * - `apply(state: BorrowerState, op: LedgerOperation, options: LedgerOptions):
 *      { state: BorrowerState; result: ApplyResult }`
 *   Pure: `state` is not mutated. A refusal (404/409, or 400 for usury `reject`) leaves the
 *   state unchanged and is returned as the result. An operation whose effective day is before
 *   days already applied is back-dated: the state after it is recomputed from the nearest
 *   earlier snapshot. Not back-dated: cost independent of the history's length.
 * - `effectiveDayOf(op: LedgerOperation, options: LedgerOptions): Day`
 * - `toDay(instant: string, timeZone: string): Day`
 * - `checkUsury(terms: UsuryTerms, loanConfig: LoanConfig): ErrorBody | null` — the 400 of usury
 *   `reject`, usable at intake with no ledger state (body: create-loan `loan` object or a
 *   consolidation's `loan_consolidation` object).
 * - `statusAt(state: BorrowerState, day: Day, options: LedgerOptions): BorrowerStatus`
 *   (the body of GET get_status; `null`-free, amounts as JSON numbers rounded to cents).
 * - `historyOf(state: BorrowerState, options: LedgerOptions): HistoryEntry[]`
 * - the pipeline's store: `persistDelta(prev, next)` and `restoreState(head, lists)` (head +
 *   list items; an older row's whole document is read too).
 * - `hasLoan(state: BorrowerState, loanId: string): boolean`
 */
export interface HistoryEntry {
  /** Null for positive-balance movements that concern no loan. */
  loan_id: string | null;
  installment_number: number | null;
  /**
   * `owner`: an ownership transfer (delta and balance 0; `new_owner` says who owns the loan from that day).
   * `payment`: a payment reversal (delta and balance 0; the reversed payment's entries are gone from the replayed history).
   */
  bucket_type: BucketType | 'positive_balance' | 'owner' | 'payment' | 'loan';
  /** Which amount of the bucket moved: `initial`, `paid`, `waived`, `closed` ... */
  bucket_status: string;
  /** Signed change of the bucket's outstanding amount (a number of 2 decimals). */
  delta: number;
  /** The bucket's outstanding amount after the change. */
  balance: number;
  effective_date: Day;
  /** Kordev's upper snake case (`ORIGINATION`, `PAYMENT_APPLICATION`, ...): step-types.ts. */
  step_type: string;
  /** The operation that caused it, when one did (accruals have none). */
  operation_id: string | null;
  /** Only on a transfer's entry (`step_type: 'OWNERSHIP_TRANSFER'`). */
  new_owner?: string | null;
}

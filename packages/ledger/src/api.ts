/**
 * The public contract of the ledger package. The pipeline (apps/worker, apps/results-api)
 * codes against exactly these names; the engine behind them may change freely.
 *
 * Conventions:
 * - A `Day` is a calendar day in the ledger's time zone, `YYYY-MM-DD`.
 * - Instants (`recordedAt`, date-times in bodies) are ISO-8601 strings with an offset.
 * - Request bodies arrive as parsed JSON (numbers are JS numbers); the engine turns every
 *   amount into a `Decimal` through its shortest string form, never through arithmetic on
 *   floats. Amounts in result bodies are JSON numbers with at most 2 decimals; echoed
 *   request fields are echoed as the lender sent them.
 * - `BorrowerState` is stored as a head plus list items through `persistDelta` /
 *   `restoreState` (docs/ledger.md "Persistence").
 */

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

/** Loan config (docs/ledger.md, §6), resolved to the version in force when the operation was accepted. */
export interface LoanConfig {
  id: string;
  version: number;
  usury_rate: number | null;
  usury_behavior: 'cap' | 'reject';
  daily_fee_max_charge: number | null;
  late_fee_amount: number | null;
  late_fee_grace_days: number;
}

/** Payment config: the order in which buckets of one installment are paid. */
export interface PaymentConfig {
  id: string;
  version: number;
  allocation_order: BucketType[];
}

/** Waiver config: reserved for future rules (e.g. scopes allowed); carried for the record. */
export interface WaiverConfig {
  id: string;
  version: number;
}

/** Consolidation config: waivers applied to the original loans, and buckets carried over. */
export interface ConsolidationConfig {
  id: string;
  version: number;
  waivers: Array<{
    bucket: WaiverScope;
    type: 'amount' | 'percentage';
    amount?: number | null;
    percentage?: number | null;
  }>;
  /** Buckets carried into the new loan's principal; default all seven. */
  carried_buckets: BucketType[];
}

/**
 * Restructuring config (config kind `restructurings`): the same two rules as a consolidation
 * config, applied to the one loan restructured into itself (docs/ledger.md, "Restructuring").
 */
export type RestructuringConfig = ConsolidationConfig;

interface OperationBase {
  /** Per-borrower acceptance sequence number (1, 2, 3, ...), the order of application. */
  seq: number;
  /** The operation id assigned at intake (uuid). */
  operationId: string;
  /** When the operation counts as recorded: `occurred_on` if is_migration, else acceptance time. */
  recordedAt: string;
  /** The `request_id` echoed in results (may be undefined). */
  requestId?: string | null;
}

export interface CreateLoanOperation extends OperationBase {
  type: 'create_loan';
  loanId: string;
  /** The request body (`{loan: {...}, occurred_on, request_id}`). */
  body: any;
  loanConfig: LoanConfig;
}

export interface CancelLoanOperation extends OperationBase {
  type: 'cancel_loan';
  loanId: string;
  /** `{loan_cancellation: {effective_date?}, occurred_on, request_id}` */
  body: any;
}

export interface CreateWaiverOperation extends OperationBase {
  type: 'create_waiver';
  loanId: string;
  waiverId: string;
  body: any;
  waiverConfig: WaiverConfig | null;
}

export interface CreateConsolidationOperation extends OperationBase {
  type: 'create_consolidation';
  consolidationId: string;
  body: any;
  loanConfig: LoanConfig;
  consolidationConfig: ConsolidationConfig;
}

export interface TransferOwnershipOperation extends OperationBase {
  type: 'transfer_ownership';
  loanId: string;
  /** One item of the batch: `{borrower_id, loan_id, occurred_on, ownership_transfer: {effective_date, new_owner}, request_id}` */
  body: any;
}

export interface CreatePaymentOperation extends OperationBase {
  type: 'create_payment';
  paymentId: string;
  /** `{payment: {amount_paid, config_id, payment_date}, payment_allocations, occurred_on, request_id}` */
  body: any;
  paymentConfig: PaymentConfig;
}

/** Reverse (take out) a payment as if it had never been made; effective on the day recorded. */
export interface ReversePaymentOperation extends OperationBase {
  type: 'reverse_payment';
  paymentId: string;
  /** `{payment_reversal: {reason}, occurred_on, request_id}` */
  body: any;
}

export interface CreateReimbursementOperation extends OperationBase {
  type: 'create_reimbursement';
  reimbursementId: string;
  /** `{reimbursement: {effective_date, value}, occurred_on, request_id}` */
  body: any;
}

export interface ChargeOffLoanOperation extends OperationBase {
  type: 'charge_off_loan';
  loanId: string;
  /** `{loan_charge_off: {effective_date, reason}, occurred_on, request_id}` */
  body: any;
}

export interface CreateRestructuringOperation extends OperationBase {
  type: 'create_restructuring';
  loanId: string;
  restructuringId: string;
  /** `{loan_restructuring: {effective_date, due_dates, interest_rate?, ...}, occurred_on, request_id}` */
  body: any;
  restructuringConfig: RestructuringConfig;
}

export type LedgerOperation =
  | CreateLoanOperation
  | CancelLoanOperation
  | CreateWaiverOperation
  | CreateConsolidationOperation
  | TransferOwnershipOperation
  | CreatePaymentOperation
  | ReversePaymentOperation
  | CreateReimbursementOperation
  | ChargeOffLoanOperation
  | CreateRestructuringOperation;

export type OperationType = LedgerOperation['type'];

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
export interface LedgerEvent {
  type: string;
  loan_id: string | null;
  effective_date: Day;
  payload: Record<string, unknown>;
}

export type ApplyResult =
  | { ok: true; statusCode: 200; body: Record<string, unknown>; events?: LedgerEvent[] }
  | { ok: false; statusCode: 400 | 404 | 409; body: ErrorBody };

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
 * - `checkUsury(body: any, loanConfig: LoanConfig): ErrorBody | null` — the 400 of usury
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
  bucket_type: BucketType | 'positive_balance' | 'owner' | 'payment';
  /** Which amount of the bucket moved: `initial`, `paid`, `waived`, `closed` ... */
  bucket_status: string;
  /** Signed change of the bucket's outstanding amount (string, 2 decimals). */
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

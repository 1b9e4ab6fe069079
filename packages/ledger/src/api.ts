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

/**
 * The config kinds (`PUT/GET /v1/configs/{kind}/{config_id}`, docs/reads.md): declared here
 * once; contracts validates against this list and the store keys resolved configs by it.
 */
export const CONFIG_KINDS = ['loans', 'payments', 'waivers', 'consolidations', 'restructurings'] as const;
export type ConfigKind = (typeof CONFIG_KINDS)[number];

/** The config value of each kind, resolved to the version in force (`id` and `version` included). */
export interface ConfigsByKind {
  loans: LoanConfig;
  payments: PaymentConfig;
  waivers: WaiverConfig;
  consolidations: ConsolidationConfig;
  restructurings: RestructuringConfig;
}

/**
 * The configs an operation names, resolved at intake and stored with it (the `configs` column):
 * keyed by config kind, each the version in force when the operation was accepted.
 */
export type ResolvedConfigs = { [K in ConfigKind]?: ConfigsByKind[K] };

/**
 * Operation bodies, as the contracts' zod schemas output them (contracts asserts at compile
 * time that each schema's output is assignable to these, so the two cannot drift). Objects the
 * seeds leave open (`loan`, `payment`, ...) keep the lender's additional properties: results
 * echo them. Every rule these shapes cannot say (bounds, decimals, due-date order, allocation
 * sums) is checked once, by contracts, before an operation reaches the ledger.
 */
interface BodyBase {
  occurred_on?: string | undefined;
  request_id?: string | null | undefined;
}

/** Open objects: the lender's additional properties are kept and echoed. */
type Open = { [extra: string]: unknown };

export type LoanTerms = Open & {
  amount_financed: number;
  config_id: string;
  daily_fee_charge?: number | null | undefined;
  delinquency_interest_rate: number;
  due_dates: string[];
  guarantee_provider?: string | null | undefined;
  installment_fee_2_charge?: number | null | undefined;
  installment_fee_charge?: number | null | undefined;
  interest_rate: number;
  origination_date?: string | undefined;
  owner?: string | null | undefined;
};

export interface CreateLoanBody extends BodyBase {
  loan: LoanTerms;
}

export interface CancelLoanBody extends BodyBase {
  /** Absent or `{}`: the cancellation takes effect on the day it is recorded. */
  loan_cancellation?: Open & { effective_date?: string | undefined };
}

export type WaiverTerms = Open & {
  amount?: number | null | undefined;
  bucket: WaiverScope;
  config_id?: string | null | undefined;
  effective_date: string;
  percentage?: number | null | undefined;
  reason?: string | null | undefined;
  type: 'amount' | 'percentage';
};

export interface CreateWaiverBody extends BodyBase {
  waiver: WaiverTerms;
}

export type ConsolidationTerms = Open & {
  consolidation_config?: string | null | undefined;
  daily_fee_charge?: number | null | undefined;
  delinquency_interest_rate: number;
  due_dates: string[];
  effective_date: string;
  interest_rate: number;
  loan_config?: string | null | undefined;
  original_loans: string[];
  owner?: string | null | undefined;
};

export interface CreateConsolidationBody extends BodyBase {
  loan_consolidation: ConsolidationTerms;
}

/** One item of the transfer batch. */
export interface TransferItemBody extends BodyBase {
  borrower_id: string;
  loan_id: string;
  ownership_transfer: Open & { effective_date: string; new_owner: string };
}

export interface PaymentAllocation {
  loan_id: string;
  amount: number;
}

export interface CreatePaymentBody extends BodyBase {
  payment: Open & { amount_paid: number; config_id?: string | null | undefined; payment_date: string };
  /** When given, sums exactly to `amount_paid` and names each loan once (checked by contracts). */
  payment_allocations?: PaymentAllocation[] | null | undefined;
}

export interface ReversePaymentBody extends BodyBase {
  payment_reversal?: Open & { reason?: string | null | undefined };
}

export interface CreateReimbursementBody extends BodyBase {
  /** `value` is greater than 0 (checked by contracts). */
  reimbursement: Open & { effective_date: string; value: number };
}

export interface ChargeOffLoanBody extends BodyBase {
  loan_charge_off: Open & { effective_date: string; reason?: string | null | undefined };
}

export type RestructuringTerms = Open & {
  config_id?: string | null | undefined;
  daily_fee_charge?: number | null | undefined;
  delinquency_interest_rate?: number | undefined;
  due_dates: string[];
  effective_date: string;
  installment_fee_charge?: number | null | undefined;
  interest_rate?: number | undefined;
};

export interface CreateRestructuringBody extends BodyBase {
  loan_restructuring: RestructuringTerms;
}

/** The body of each operation type. */
export interface OperationBodies {
  create_loan: CreateLoanBody;
  cancel_loan: CancelLoanBody;
  create_waiver: CreateWaiverBody;
  create_consolidation: CreateConsolidationBody;
  transfer_ownership: TransferItemBody;
  create_payment: CreatePaymentBody;
  reverse_payment: ReversePaymentBody;
  create_reimbursement: CreateReimbursementBody;
  charge_off_loan: ChargeOffLoanBody;
  create_restructuring: CreateRestructuringBody;
}

/** The operation types, in the order of docs/api.md; `LedgerOperation['type']`. */
export const OPERATION_TYPES = [
  'create_loan',
  'cancel_loan',
  'create_waiver',
  'create_consolidation',
  'transfer_ownership',
  'create_payment',
  // Lifecycle operations (docs/ledger.md).
  'reverse_payment',
  'create_reimbursement',
  'charge_off_loan',
  'create_restructuring',
] as const;

export type OperationType = (typeof OPERATION_TYPES)[number];

interface OperationBase<T extends OperationType> {
  type: T;
  /** Per-borrower acceptance sequence number (1, 2, 3, ...), the order of application. */
  seq: number;
  /** The operation id assigned at intake (uuid). */
  operationId: string;
  /** When the operation counts as recorded: `occurred_on` if is_migration, else acceptance time. */
  recordedAt: string;
  /** The `request_id` echoed in results (may be undefined). */
  requestId?: string | null;
  /** The request body, as the contracts schema of its type outputs it. */
  body: OperationBodies[T];
}

export interface CreateLoanOperation extends OperationBase<'create_loan'> {
  loanId: string;
  loanConfig: LoanConfig;
}

export interface CancelLoanOperation extends OperationBase<'cancel_loan'> {
  loanId: string;
}

export interface CreateWaiverOperation extends OperationBase<'create_waiver'> {
  loanId: string;
  waiverId: string;
  waiverConfig: WaiverConfig | null;
}

export interface CreateConsolidationOperation extends OperationBase<'create_consolidation'> {
  consolidationId: string;
  loanConfig: LoanConfig;
  consolidationConfig: ConsolidationConfig;
}

export interface TransferOwnershipOperation extends OperationBase<'transfer_ownership'> {
  loanId: string;
}

export interface CreatePaymentOperation extends OperationBase<'create_payment'> {
  paymentId: string;
  paymentConfig: PaymentConfig;
}

/** Reverse (take out) a payment as if it had never been made; effective on the day recorded. */
export interface ReversePaymentOperation extends OperationBase<'reverse_payment'> {
  paymentId: string;
}

export interface CreateReimbursementOperation extends OperationBase<'create_reimbursement'> {
  reimbursementId: string;
}

export interface ChargeOffLoanOperation extends OperationBase<'charge_off_loan'> {
  loanId: string;
}

export interface CreateRestructuringOperation extends OperationBase<'create_restructuring'> {
  loanId: string;
  restructuringId: string;
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

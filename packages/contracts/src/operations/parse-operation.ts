import { AppError } from '../errors.js';
import { dueDateIssues } from '../due-dates.js';
import { operationQuerySchema, type OperationQuery } from '../primitives.js';
import { fieldsOf, validationError } from '../zod-error.js';
import type { CancelLoanBody } from './cancel-loan.js';
import { OPERATIONS, type OperationType } from './catalog.js';
import type { CreateConsolidationBody } from './create-consolidation.js';
import type { CreateLoanBody } from './create-loan.js';
import type { CreatePaymentBody } from './create-payment.js';
import type { CreateWaiverBody } from './create-waiver.js';
import type { ConsolidationParams, LoanParams, PaymentParams, WaiverParams } from './params.js';
import type { TransferItem } from './transfer-ownership.js';
import type { ChargeOffLoanBody } from './charge-off-loan.js';
import type { CreateReimbursementBody } from './create-reimbursement.js';
import type { CreateRestructuringBody } from './create-restructuring.js';
import type { ReversePaymentBody } from './reverse-payment.js';
import type { ReimbursementParams, RestructuringParams } from './params.js';

export interface OperationInputs {
  create_loan: { params: LoanParams; body: CreateLoanBody };
  cancel_loan: { params: LoanParams; body: CancelLoanBody };
  create_waiver: { params: WaiverParams; body: CreateWaiverBody };
  create_consolidation: { params: ConsolidationParams; body: CreateConsolidationBody };
  /** One item of the batch; the item names its borrower and loan. */
  transfer_ownership: { params: Record<string, never>; body: TransferItem };
  create_payment: { params: PaymentParams; body: CreatePaymentBody };
  reverse_payment: { params: PaymentParams; body: ReversePaymentBody };
  create_reimbursement: { params: ReimbursementParams; body: CreateReimbursementBody };
  charge_off_loan: { params: LoanParams; body: ChargeOffLoanBody };
  create_restructuring: { params: RestructuringParams; body: CreateRestructuringBody };
}

export type ParsedOperation<T extends OperationType = OperationType> = {
  [K in T]: {
    type: K;
    params: OperationInputs[K]['params'];
    query: OperationQuery;
    body: OperationInputs[K]['body'];
    /** The borrower whose queue the operation joins. */
    borrowerId: string;
    /** Idempotency key (docs/api.md), see `naturalKeyOf`. */
    naturalKey: string;
  };
}[T];

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: AppError };

export interface ParseOperationInput {
  /** Path parameters (Express `req.params`); ignored for transfer_ownership. */
  params?: unknown;
  /** Query (Express `req.query`). */
  query?: unknown;
  /** Parsed JSON body; for transfer_ownership, ONE item of the batch. */
  body: unknown;
}

export interface ParseOperationOptions {
  /**
   * The ledger's time zone (LEDGER_TIMEZONE). When given, due dates are also checked as
   * calendar days there (strictly increasing days, first one after the start day).
   */
  timeZone?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates one operation as intake sees it: path params, `is_migration`, body, and the rules
 * that need no ledger state. Every bad field is named in one 400 (`context.fields`).
 */
export function parseOperation<T extends OperationType>(
  type: T,
  input: ParseOperationInput,
  options: ParseOperationOptions = {},
): ParseResult<ParsedOperation<T>> {
  const definition = OPERATIONS[type as OperationType];
  const fields: Record<string, string> = {};
  const add = (more: Record<string, string>) => Object.assign(fields, more);

  const params = definition.paramsSchema.safeParse(type === 'transfer_ownership' ? {} : (input.params ?? {}));
  if (!params.success) add(fieldsOf(params.error.issues, 'params'));

  const query = operationQuerySchema.safeParse(isRecord(input.query) ? input.query : {});
  if (!query.success) add(fieldsOf(query.error.issues, 'query'));

  const body = definition.bodySchema.safeParse(input.body);
  if (!body.success) add(fieldsOf(body.error.issues, 'body'));

  // docs/api.md: a migrated operation is recorded at `occurred_on`, so it must have one.
  if (query.success && query.data.is_migration) {
    const occurredOn = isRecord(input.body) ? input.body['occurred_on'] : undefined;
    if ((occurredOn === undefined || occurredOn === null) && fields['occurred_on'] === undefined) {
      fields['occurred_on'] = 'Required when is_migration=true';
    }
  }

  if (body.success) add(crossFieldIssues(type, params.success ? params.data : undefined, body.data, options));

  if (Object.keys(fields).length > 0 || !params.success || !query.success || !body.success) {
    return { ok: false, error: validationError(fields) };
  }
  const value = {
    type,
    params: params.data,
    query: query.data,
    body: body.data,
    borrowerId: borrowerIdOf(type, params.data, body.data),
    naturalKey: naturalKeyOf(type, params.data, body.data),
  };
  return { ok: true, value: value as ParsedOperation<T> };
}

/** Rules across path and body, and day-level due-date checks when a time zone is given. */
function crossFieldIssues(type: OperationType, params: unknown, body: unknown, options: ParseOperationOptions): Record<string, string> {
  const fields: Record<string, string> = {};
  if (type === 'create_consolidation') {
    const b = body as CreateConsolidationBody;
    const consolidationId = (params as ConsolidationParams | undefined)?.consolidation_id;
    b.loan_consolidation.original_loans.forEach((loanId, index) => {
      if (loanId === consolidationId) {
        fields[`loan_consolidation.original_loans[${index}]`] = `Must not be the consolidation_id (${loanId}): it becomes the new loan's id`;
      }
    });
    if (options.timeZone !== undefined) {
      const c = b.loan_consolidation;
      for (const issue of dueDateIssues(c.due_dates, { field: 'effective_date', value: c.effective_date }, options.timeZone)) {
        fields[`loan_consolidation.due_dates[${issue.index}]`] = issue.message;
      }
    }
  }
  if (type === 'create_restructuring' && options.timeZone !== undefined) {
    const r = (body as CreateRestructuringBody).loan_restructuring;
    for (const issue of dueDateIssues(r.due_dates, { field: 'effective_date', value: r.effective_date }, options.timeZone)) {
      fields[`loan_restructuring.due_dates[${issue.index}]`] = issue.message;
    }
  }
  if (type === 'create_loan' && options.timeZone !== undefined) {
    const loan = (body as CreateLoanBody).loan;
    const start = loan.origination_date === undefined ? undefined : { field: 'origination_date', value: loan.origination_date };
    for (const issue of dueDateIssues(loan.due_dates, start, options.timeZone)) {
      fields[`loan.due_dates[${issue.index}]`] = issue.message;
    }
  }
  return fields;
}

/** The borrower an operation belongs to: the path's, or a transfer item's own. */
export function borrowerIdOf(type: OperationType, params: unknown, body: unknown): string {
  if (type === 'transfer_ownership') return String((body as { borrower_id: unknown }).borrower_id);
  return String((params as { borrower_id: unknown }).borrower_id);
}

/**
 * Idempotency key (docs/api.md) of an operation, as one string: the type, then the key's parts
 * joined by `/` (ids cannot contain `/`; a transfer's `request_id`, which can, comes last, so
 * the encoding stays unambiguous). A transfer item without `request_id` keys on "".
 *
 *   create_loan/B1/L1 · cancel_loan/B1/L1 · create_waiver/B1/L1/W1 ·
 *   create_consolidation/B1/C1 · transfer_ownership/B1/L1/<request_id> · create_payment/B1/P1 ·
 *   reverse_payment/B1/P1 · create_reimbursement/B1/R1 · charge_off_loan/B1/L1 · create_restructuring/B1/L1/RS1
 */
export function naturalKeyOf(type: OperationType, params: unknown, body: unknown): string {
  const p = (params ?? {}) as Record<string, unknown>;
  const parts = (...names: string[]) => names.map((n) => String(p[n]));
  switch (type) {
    case 'create_loan':
    case 'cancel_loan':
      return [type, ...parts('borrower_id', 'loan_id')].join('/');
    case 'create_waiver':
      return [type, ...parts('borrower_id', 'loan_id', 'waiver_id')].join('/');
    case 'create_consolidation':
      return [type, ...parts('borrower_id', 'consolidation_id')].join('/');
    case 'create_payment':
    case 'reverse_payment':
      return [type, ...parts('borrower_id', 'payment_id')].join('/');
    case 'create_reimbursement':
      return [type, ...parts('borrower_id', 'reimbursement_id')].join('/');
    case 'charge_off_loan':
      return [type, ...parts('borrower_id', 'loan_id')].join('/');
    case 'create_restructuring':
      return [type, ...parts('borrower_id', 'loan_id', 'restructuring_id')].join('/');
    case 'transfer_ownership': {
      const item = (body ?? {}) as Record<string, unknown>;
      const requestId = item['request_id'];
      return [type, String(item['borrower_id']), String(item['loan_id']), typeof requestId === 'string' ? requestId : ''].join('/');
    }
  }
}

/**
 * When an operation counts as recorded (docs/api.md): `occurred_on` for a migration, otherwise
 * the acceptance time the caller passes.
 */
export function recordedAtOf(parsed: { query: OperationQuery; body: { occurred_on?: string | undefined } }, acceptedAt: string): string {
  return parsed.query.is_migration && parsed.body.occurred_on !== undefined ? parsed.body.occurred_on : acceptedAt;
}


/**
 * The ledger's refusal catalog: every business refusal `apply` can return, declared once.
 * Codes are the HTTP status times 100 plus a discriminator (40401: 404, first reason), so the
 * family of a code is visible at a glance and the pipeline's 4-digit intake codes never clash.
 */
import type { ApplyResult, ErrorBody } from './api.js';

interface CatalogEntry {
  statusCode: 400 | 404 | 409;
  code: number;
  message: string;
}

const entry = (statusCode: 400 | 404 | 409, code: number, message: string): CatalogEntry => ({ statusCode, code, message });

export const LEDGER_ERRORS = {
  invalid_request: entry(400, 40001, 'The operation is invalid'),
  usury_rate_exceeded: entry(400, 40002, 'A rate is above the usury rate of the loan config'),
  invalid_due_dates: entry(400, 40003, 'Due dates must be strictly increasing calendar days after the origination day'),
  loan_not_found: entry(404, 40401, 'Loan not found'),
  payment_not_found: entry(404, 40402, 'Payment not found'),
  loan_already_exists: entry(409, 40901, 'A loan with this id already exists for the borrower'),
  loan_cancelled: entry(409, 40902, 'The loan is cancelled'),
  loan_consolidated: entry(409, 40903, 'The loan is consolidated'),
  waiver_exceeds_owed: entry(409, 40904, 'The waiver amount exceeds what the scope owes'),
  same_owner: entry(409, 40905, 'The loan already belongs to this owner'),
  duplicate_loans: entry(409, 40906, 'A loan appears more than once in original_loans'),
  discount_not_on_origination: entry(409, 40907, 'discount_at_origination is only allowed with effective_date on the origination day'),
  loan_charged_off: entry(409, 40909, 'The loan is charged off'),
  payment_already_reversed: entry(409, 40910, 'The payment is already reversed'),
  reimbursement_exceeds_positive_balance: entry(409, 40911, 'The reimbursement exceeds the positive balance on its effective day'),
  loan_paid_off: entry(409, 40920, 'The loan is paid off'),
  payoff_below_quote: entry(409, 40921, 'The amount paid is below the payoff quote of the loan on the payment day'),
  installment_not_found: entry(404, 40420, 'The loan has no such installment'),
  consolidation_not_found: entry(404, 40421, 'Consolidation not found'),
  adjustment_exceeds_owed: entry(409, 40925, 'The adjustment removes more than the bucket owes'),
  loan_not_cancelled: entry(409, 40926, 'The loan is not cancelled'),
  cancellation_already_reverted: entry(409, 40927, 'The cancellation is already reverted'),
  consolidation_already_cancelled: entry(409, 40928, 'The consolidation is already cancelled'),
  consolidated_loan_in_use: entry(409, 40929, 'The consolidation\'s new loan was itself cancelled, consolidated, charged off or restructured'),
  promise_not_found: entry(404, 40422, 'Promise not found'),
  promise_already_exists: entry(409, 40930, 'A promise with this id already exists for the borrower'),
  promise_not_active: entry(409, 40931, 'The promise is not active: it is already kept, broken or cancelled'),
} as const satisfies Record<string, CatalogEntry>;

export type LedgerErrorKind = keyof typeof LEDGER_ERRORS;

const STATUS_TEXT = { 400: 'Bad Request', 404: 'Not Found', 409: 'Conflict' } as const;

export interface Refusal {
  ok: false;
  statusCode: 400 | 404 | 409;
  body: ErrorBody;
}

export function refusal(kind: LedgerErrorKind, context: Record<string, unknown>, message?: string): Refusal {
  const e = LEDGER_ERRORS[kind];
  return {
    ok: false,
    statusCode: e.statusCode,
    body: { code: e.code, context, error: message ?? e.message, status: STATUS_TEXT[e.statusCode] },
  };
}

export type { ApplyResult };

/** The 409 of a loan that is closed (cancelled, consolidated) or charged off; null when it is neither. */
export function closedLoanRefusal(loan: { closed: { kind: 'cancelled' | 'consolidated' } | null; chargedOff: unknown }, context: Record<string, unknown>): Refusal | null {
  if (loan.closed !== null) return refusal(loan.closed.kind === 'cancelled' ? 'loan_cancelled' : 'loan_consolidated', context);
  if (loan.chargedOff !== null) return refusal('loan_charged_off', context);
  return null;
}

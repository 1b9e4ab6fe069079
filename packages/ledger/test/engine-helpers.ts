/** Builders shared by the engine tests: operations as the worker would hand them over. */
import type {
  CancelLoanOperation, ConsolidationConfig, CreateConsolidationOperation, CreateLoanOperation, CreatePaymentOperation,
  CreateWaiverOperation, LedgerOperation, LedgerOptions, LoanConfig, PaymentConfig, TransferOwnershipOperation, WaiverTerms,
} from '../src/api.js';
import { apply, emptyState, type BorrowerState } from '../src/index.js';

export const TZ: LedgerOptions = { timeZone: 'America/Bogota' };

export const LOAN_CONFIG: LoanConfig = {
  id: 'DEFAULT', version: 1, usury_rate: null, usury_behavior: 'cap', daily_fee_max_charge: null, late_fee_amount: null, late_fee_grace_days: 0,
};
export const PAYMENT_CONFIG: PaymentConfig = {
  id: 'DEFAULT', version: 1,
  allocation_order: ['late_fee', 'daily_fee', 'delinquency_interest', 'installment_fee_2', 'installment_fee', 'interest', 'principal'],
};
export const CONSOLIDATION_CONFIG: ConsolidationConfig = {
  id: 'DEFAULT', version: 1, waivers: [],
  carried_buckets: ['principal', 'interest', 'installment_fee', 'installment_fee_2', 'delinquency_interest', 'daily_fee', 'late_fee'],
};

let seq = 0;
export function resetSeq(): void { seq = 0; }
function base(recordedAt = '2024-01-15T10:00:00-05:00') {
  seq += 1;
  return { seq, operationId: `op-${seq}`, recordedAt, requestId: `req-${seq}` };
}

/** Due on the 15th of Feb..Jul 2024, as the worked example of docs/ledger.md. */
export const EXAMPLE_DUE = ['2024-02-15', '2024-03-15', '2024-04-15', '2024-05-15', '2024-06-15', '2024-07-15']
  .map((d) => `${d}T00:00:00-05:00`);

export function createLoan(loanId: string, loan: Record<string, unknown> = {}, loanConfig: LoanConfig = LOAN_CONFIG): CreateLoanOperation {
  const b = base();
  return {
    ...b, type: 'create_loan', loanId, loanConfig,
    body: {
      loan: {
        amount_financed: 1200000, config_id: loanConfig.id, daily_fee_charge: null, delinquency_interest_rate: 0.3848,
        due_dates: EXAMPLE_DUE, guarantee_provider: null, installment_fee_2_charge: null, installment_fee_charge: 60000,
        interest_rate: 0.3848, origination_date: '2024-01-15T00:00:00-05:00', owner: 'BANK_1', ...loan,
      },
      occurred_on: '2024-01-15T10:15:20-05:00', request_id: b.requestId,
    },
  };
}

export function payment(paymentId: string, amount: number, date: string, allocations: Array<{ loan_id: string; amount: number }> | null = null, config: PaymentConfig = PAYMENT_CONFIG): CreatePaymentOperation {
  const b = base();
  return {
    ...b, type: 'create_payment', paymentId, paymentConfig: config,
    body: { payment: { amount_paid: amount, config_id: null, payment_date: `${date}T12:00:00-05:00` }, payment_allocations: allocations, occurred_on: `${date}T12:00:00-05:00`, request_id: b.requestId },
  };
}

export function waiver(loanId: string, waiverId: string, date: string, w: Pick<WaiverTerms, 'bucket' | 'type'> & Partial<WaiverTerms>): CreateWaiverOperation {
  const b = base();
  return {
    ...b, type: 'create_waiver', loanId, waiverId, waiverConfig: null,
    body: { waiver: { amount: null, percentage: null, config_id: null, reason: null, effective_date: `${date}T00:00:00-05:00`, ...w }, occurred_on: `${date}T09:00:00-05:00`, request_id: b.requestId },
  };
}

export function cancel(loanId: string, date: string | null): CancelLoanOperation {
  const b = base(date === null ? '2024-03-01T15:00:00Z' : undefined);
  return {
    ...b, type: 'cancel_loan', loanId,
    body: { loan_cancellation: date === null ? {} : { effective_date: `${date}T00:00:00-05:00` }, occurred_on: '2024-03-01T10:00:00-05:00', request_id: b.requestId },
  };
}

export function transfer(loanId: string, newOwner: string, date: string): TransferOwnershipOperation {
  const b = base();
  return {
    ...b, type: 'transfer_ownership', loanId,
    body: { borrower_id: 'B1', loan_id: loanId, occurred_on: `${date}T08:00:00-05:00`, ownership_transfer: { effective_date: `${date}T00:00:00-05:00`, new_owner: newOwner }, request_id: b.requestId },
  };
}

export function consolidation(id: string, originals: string[], date: string, extra: Record<string, unknown> = {}, config: ConsolidationConfig = CONSOLIDATION_CONFIG): CreateConsolidationOperation {
  const b = base();
  return {
    ...b, type: 'create_consolidation', consolidationId: id, loanConfig: LOAN_CONFIG, consolidationConfig: config,
    body: {
      loan_consolidation: {
        consolidation_config: config.id, daily_fee_charge: null, delinquency_interest_rate: 0.3848,
        due_dates: ['2024-07-20T00:00:00-05:00', '2024-08-20T00:00:00-05:00'], effective_date: `${date}T00:00:00-05:00`,
        interest_rate: 0.3848, loan_config: 'DEFAULT', original_loans: originals, owner: 'BANK_2', ...extra,
      },
      occurred_on: `${date}T08:00:00-05:00`, request_id: b.requestId,
    },
  };
}

/** Applies operations in order; asserts each succeeded unless told otherwise. */
export function run(ops: LedgerOperation[], state: BorrowerState = emptyState('B1')): BorrowerState {
  for (const op of ops) {
    const out = apply(state, op, TZ);
    if (!out.result.ok) throw new Error(`${op.type} ${op.seq} refused: ${JSON.stringify(out.result.body)}`);
    state = out.state;
  }
  return state;
}

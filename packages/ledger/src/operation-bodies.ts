import type { WaiverScope } from './api.js';

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
  payment: Open & {
    amount_paid: number;
    config_id?: string | null | undefined;
    payment_date: string;
    /** Overrides the payment config's (docs/ledger.md, "Prepayment"). */
    prepayment_effect?: 'pay_ahead' | 'reduce_term' | 'reduce_installment' | undefined;
  };
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

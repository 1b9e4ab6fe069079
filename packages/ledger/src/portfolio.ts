/**
 * A borrower's loans as the portfolio read model stores them (docs/reads.md "Portfolio"): one
 * entry per loan, evaluated on day C, with what lets the reads compute the figures of any
 * later day without the ledger: the due days and amounts of the installments still owing
 * (days past due, the next payment, what is overdue), the rest as of C. Pure: the day is given.
 */
import type { Day, DelinquencyBucket, LedgerOptions } from './api.js';
import { dayToNum, numToDay, type DayNum } from './calendar.js';
import { installmentOutstanding } from './buckets.js';
import { ZERO, add, type Dec } from './decimal.js';
import { bucketFor, bucketsOf, daysPastDue, oldestOwingDue } from './delinquency.js';
import type { Loan } from './model.js';
import { coreAt } from './replay.js';
import type { BorrowerState } from './state.js';
import { ownerOn } from './transfer.js';

/** Amounts are decimal strings in full precision (rounded to cents when read). */
export interface PortfolioLoan {
  borrower_id: string;
  loan_id: string;
  owner: string | null;
  /** The day the entry was evaluated (C). */
  as_of: Day;
  /** Due day of the oldest installment still owing on C (due or not); null when none owes or the loan is closed or charged off. */
  oldest_owing_due: Day | null;
  /** Neither closed (cancelled, consolidated) nor charged off: the close of business judges it. */
  is_open: boolean;
  /** The delinquency bucket on C. */
  bucket: string;
  buckets: readonly DelinquencyBucket[];
  /** The installments still owing on C, in due order: their due days and what each owes. */
  owing_due_dates: Day[];
  owing_amounts: string[];
  /** Principal still owed on C. */
  outstanding_principal: string;
  /** Everything still owed on C (full payment). */
  full_payment_amount: string;
  origination_date: string;
  paid_off_date: Day | null;
  is_cancelled: boolean;
  chargeoff_date: Day | null;
}

function exact(value: Dec): string {
  return value.toFixed();
}

function portfolioLoan(borrowerId: string, loan: Loan, day: DayNum): PortfolioLoan {
  const open = loan.closed === null && loan.chargedOff === null;
  const dues: Day[] = [];
  const amounts: string[] = [];
  let principal = ZERO;
  let full = ZERO;
  if (open) {
    for (const inst of loan.installments) {
      const owed = installmentOutstanding(inst);
      principal = add(principal, inst.buckets.principal.out);
      if (owed.lte(0)) continue;
      full = add(full, owed);
      dues.push(numToDay(inst.due));
      amounts.push(exact(owed));
    }
  }
  const due = oldestOwingDue(loan);
  const buckets = bucketsOf(loan);
  return {
    borrower_id: borrowerId,
    loan_id: loan.id,
    owner: ownerOn(loan, day),
    as_of: numToDay(day),
    is_open: open,
    oldest_owing_due: due === null ? null : numToDay(due),
    bucket: bucketFor(buckets, daysPastDue(due, day)),
    buckets,
    owing_due_dates: dues,
    owing_amounts: amounts,
    outstanding_principal: exact(principal),
    full_payment_amount: exact(full),
    origination_date: loan.originationDate,
    paid_off_date: loan.paidOff === null ? null : numToDay(loan.paidOff),
    is_cancelled: loan.closed?.kind === 'cancelled',
    chargeoff_date: loan.chargedOff === null ? null : numToDay(loan.chargedOff.day),
  };
}

/** Every loan of the borrower as of `day` (docs/reads.md "Portfolio"). Never mutates `state`. */
export function portfolioLoansOf(state: BorrowerState, day: Day, options: LedgerOptions): PortfolioLoan[] {
  const n = dayToNum(day);
  const core = coreAt(state, n, options);
  return core.loanOrder.map((id) => portfolioLoan(state.borrowerId, core.loans[id]!, n));
}

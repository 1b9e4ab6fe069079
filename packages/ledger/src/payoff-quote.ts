/**
 * The payoff quote (docs/ledger.md, "Payoff"): what settles a loan on calculation day C.
 *
 * - Every bucket of an overdue installment (due before C), as owed.
 * - All outstanding principal, whatever installment it is scheduled on.
 * - The current installment's interest and installment fees only as far as they have accrued:
 *   rounded(scheduled · e/d) (the loan's rounding) less what was already paid or waived of it, never below 0, where
 *   the period runs d actual days from the previous due day (the origination, or the last
 *   restructuring, for the first) and e = C − that day (day C itself does not accrue).
 * - Accrued delinquency interest, daily fee and late fees, wherever they are.
 * Future installments' interest and installment fees are not owed.
 *
 * Pure: it reads a loan of a core already advanced to C (accruals through C − 1).
 */
import type { BucketType } from './api.js';
import type { DayNum } from './calendar.js';
import { currentIndex } from './buckets.js';
import { roundByLoan } from './conventions.js';
import { ZERO, add, minDec, type Dec } from './decimal.js';
import { refusal, type Refusal } from './errors.js';
import { BUCKETS, perBucket, type Installment, type Loan } from './model.js';

/** The buckets of the current installment that are owed only as far as they have accrued. */
const PRORATED: ReadonlySet<BucketType> = new Set<BucketType>(['interest', 'installment_fee', 'installment_fee_2']);

export interface PayoffLine {
  /** Index into `loan.installments`. */
  index: number;
  bucket: BucketType;
  amount: Dec;
}

export interface PayoffQuote {
  total: Dec;
  breakdown: Record<BucketType, Dec>;
  /** What each installment's bucket settles, oldest installment first, buckets in BUCKETS order. */
  lines: PayoffLine[];
}

/** The first day of installment `index`'s period: the previous due day, or the loan's (re)origination. */
export function periodStart(loan: Loan, index: number): DayNum {
  if (index > 0) return loan.installments[index - 1]!.due;
  const last = loan.restructurings[loan.restructurings.length - 1];
  return last === undefined ? loan.origination : last.day;
}

/** The accrued part of a current installment's scheduled bucket still owed (never below 0, never above what it owes). */
export function accruedPart(loan: Loan, inst: Installment, bucket: BucketType, elapsed: number, length: number): Dec {
  const b = inst.buckets[bucket];
  const owed = b.out;
  if (owed.lte(0)) return ZERO;
  if (length <= 0 || elapsed >= length) return owed;
  const accrued = elapsed <= 0 ? ZERO : roundByLoan(loan, b.initial.times(elapsed).div(length));
  const left = accrued.minus(b.paid).minus(b.waived);
  return left.lte(0) ? ZERO : minDec(left, owed);
}

export function payoffQuote(loan: Loan, day: DayNum): PayoffQuote {
  const breakdown: Record<BucketType, Dec> = perBucket(() => ZERO);
  const lines: PayoffLine[] = [];
  const cur = currentIndex(loan, day);
  loan.installments.forEach((inst, index) => {
    const start = periodStart(loan, index);
    for (const bucket of BUCKETS) {
      let amount: Dec;
      if (inst.due < day || !PRORATED.has(bucket)) amount = inst.buckets[bucket].out;
      else if (index === cur) amount = accruedPart(loan, inst, bucket, day - start, inst.due - start);
      else amount = ZERO; // a future installment's interest and fees are not owed
      if (amount.lte(0)) continue;
      breakdown[bucket] = add(breakdown[bucket], amount);
      lines.push({ index, bucket, amount });
    }
  });
  let total = ZERO;
  for (const b of BUCKETS) total = add(total, breakdown[b]);
  return { total, breakdown, lines };
}

/** The 404/409 of a loan that cannot be quoted or paid off (docs/ledger.md, "Payoff"); null when it can. */
export function payoffRefusal(loan: Loan | undefined, context: Record<string, unknown>): Refusal | null {
  if (loan === undefined) return refusal('loan_not_found', context);
  if (loan.closed !== null) return refusal(loan.closed.kind === 'cancelled' ? 'loan_cancelled' : 'loan_consolidated', context);
  if (loan.chargedOff !== null) return refusal('loan_charged_off', context);
  if (loan.paidOff !== null) return refusal('loan_paid_off', context);
  return null;
}

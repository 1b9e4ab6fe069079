/**
 * Delinquency (docs/ledger.md "Delinquency"): how many days a loan is past due on day C, since
 * when, and the loan config's bucket for it. Pure: the day is given.
 */
import type { Day, DelinquencyBucket } from './api.js';
import { installmentOutstanding } from './buckets.js';
import { numToDay, type DayNum } from './calendar.js';
import type { Loan } from './model.js';

/** The default buckets of a loan config: CURRENT, 1-30, 31-60, 61-90, 91-180, 181+. */
export const DEFAULT_DELINQUENCY_BUCKETS: readonly DelinquencyBucket[] = Object.freeze([
  { code: 'CURRENT', min_days: 0, max_days: 0 },
  { code: '1-30', min_days: 1, max_days: 30 },
  { code: '31-60', min_days: 31, max_days: 60 },
  { code: '61-90', min_days: 61, max_days: 90 },
  { code: '91-180', min_days: 91, max_days: 180 },
  { code: '181+', min_days: 181, max_days: null },
]);

export interface Delinquency {
  days_past_due: number;
  bucket: string;
  /** The first day past due of the installment that sets `days_past_due` (D + 1); null when current. */
  since: Day | null;
}

/** The buckets a loan is judged by: its loan config's, or the default ones. */
export function bucketsOf(loan: Loan): readonly DelinquencyBucket[] {
  return loan.loanConfig.delinquency_buckets ?? DEFAULT_DELINQUENCY_BUCKETS;
}

/**
 * The bucket of `daysPastDue`. The buckets are contiguous from 0 and the last is open-ended
 * (checked when the config is stored), so exactly one matches; the last one otherwise.
 */
export function bucketFor(buckets: readonly DelinquencyBucket[], daysPastDue: number): string {
  for (const b of buckets) if (daysPastDue >= b.min_days && (b.max_days === null || daysPastDue <= b.max_days)) return b.code;
  return buckets[buckets.length - 1]!.code;
}

/**
 * The due day of the loan's oldest installment still owing anything (principal, interest,
 * fees), whether due yet or not; null when none owes, or when the loan is closed or charged
 * off (they owe nothing due). Nothing makes an older installment owe again without an
 * operation, so on any later day C the loan is `max(0, C − D)` days past due: that is what
 * lets the portfolio read model compute days past due as of any day from one stored date.
 */
export function oldestOwingDue(loan: Loan): DayNum | null {
  if (loan.closed !== null || loan.chargedOff !== null) return null;
  for (const inst of loan.installments) if (installmentOutstanding(inst).gt(0)) return inst.due;
  return null;
}

/** Days past due on `day` of a loan whose oldest owing installment falls due on `due`. */
export function daysPastDue(due: DayNum | null, day: DayNum): number {
  return due !== null && due < day ? day - due : 0;
}

/** A loan's delinquency on `day` (its state as of `day`). */
export function loanDelinquency(loan: Loan, day: DayNum): Delinquency {
  const due = oldestOwingDue(loan);
  const dpd = daysPastDue(due, day);
  return { days_past_due: dpd, bucket: bucketFor(bucketsOf(loan), dpd), since: dpd === 0 ? null : numToDay(due! + 1) };
}

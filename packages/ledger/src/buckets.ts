/**
 * Reading buckets (docs/ledger.md "Buckets", "States at a calculation day"). Outstanding is
 * initial − paid − waived − closed, with the initial rounded to cents when read: delinquency
 * interest accrues in full precision and only its rounded value is ever owed. A charge-off
 * moves what is owed to `chargedOff` (docs/ledger.md, "Charge-off").
 */
import type { BucketType } from './api.js';
import type { DayNum } from './calendar.js';
import { ZERO, add, round2, type Dec } from './decimal.js';
import { roundMoney, type Rounding } from './conventions.js';
import { BUCKETS, perBucket, type Bucket, type Installment, type Loan } from './model.js';

export function emptyBucket(): Bucket {
  return { initial: ZERO, paid: ZERO, waived: ZERO, closed: ZERO, chargedOff: ZERO, out: ZERO, pending: null };
}

/** The bucket's initial amount rounded to cents (an accrued one is kept in full precision). */
export function roundedInitial(bucket: Bucket): Dec {
  if (bucket.initial.decimalPlaces() <= 2) return bucket.initial;
  return bucket.halfEven === true ? roundMoney(bucket.initial, 'half_even') : round2(bucket.initial);
}

/** Recomputes the cached outstanding after a movement. */
export function refresh(bucket: Bucket): void {
  const initial = roundedInitial(bucket);
  const value = initial.minus(bucket.paid).minus(bucket.waived).minus(bucket.closed).minus(bucket.chargedOff);
  bucket.out = value.isNegative() ? ZERO : value;
}

/** A new installment's buckets; under `half_even` its accrued delinquency interest is read half even. */
export function emptyBuckets(rounding: Rounding = 'half_up'): Record<BucketType, Bucket> {
  const out = perBucket(() => emptyBucket());
  if (rounding === 'half_even') out.delinquency_interest.halfEven = true;
  return out;
}

export function outstanding(bucket: Bucket): Dec {
  return bucket.out;
}

/** True when any bucket of the loan still owes something (early exit: called after every payment). */
export function owesAnything(loan: Loan): boolean {
  for (const inst of loan.installments) for (const b of BUCKETS) if (!inst.buckets[b].out.isZero()) return true;
  return false;
}

export function hasPrincipal(loan: Loan): boolean {
  for (const inst of loan.installments) if (!inst.buckets.principal.out.isZero()) return true;
  return false;
}

export function installmentOutstanding(inst: Installment, buckets: readonly BucketType[] = BUCKETS): Dec {
  let sum = ZERO;
  for (const b of buckets) sum = add(sum, inst.buckets[b].out);
  return sum;
}

export function loanOutstanding(loan: Loan, buckets: readonly BucketType[] = BUCKETS): Dec {
  let sum = ZERO;
  for (const inst of loan.installments) sum = add(sum, installmentOutstanding(inst, buckets));
  return sum;
}

/** Index of the current installment at day C: the first due on or after C; −1 when all are past. */
export function currentIndex(loan: Loan, day: DayNum): number {
  return loan.installments.findIndex((inst) => inst.due >= day);
}

export interface BucketFigures {
  initial: Dec;
  paid: Dec;
  waived: Dec;
  closed: Dec;
  chargedOff: Dec;
  overdue: Dec;
  current: Dec;
  unpaid: Dec;
  total: Dec;
}

/** One bucket type of a loan, summed over installments, at calculation day C. */
export function bucketFigures(loan: Loan, bucket: BucketType, day: DayNum): BucketFigures {
  return allBucketFigures(loan, day, [bucket])[bucket]!;
}

/** Every bucket type of a loan in one pass over the installments (status reads). */
export function allBucketFigures(loan: Loan, day: DayNum, buckets: readonly BucketType[] = BUCKETS): Partial<Record<BucketType, BucketFigures>> {
  const cur = currentIndex(loan, day);
  const out: Partial<Record<BucketType, BucketFigures>> = {};
  for (const b of buckets) out[b] = { initial: ZERO, paid: ZERO, waived: ZERO, closed: ZERO, chargedOff: ZERO, overdue: ZERO, current: ZERO, unpaid: ZERO, total: ZERO };
  loan.installments.forEach((inst, i) => {
    const state = inst.due < day ? 'overdue' : i === cur ? 'current' : 'future';
    for (const b of buckets) {
      const x = inst.buckets[b];
      if (x.initial.isZero()) continue; // nothing ever charged: nothing paid, waived or closed either
      const f = out[b]!;
      f.initial = add(f.initial, roundedInitial(x));
      f.paid = add(f.paid, x.paid);
      f.waived = add(f.waived, x.waived);
      f.closed = add(f.closed, x.closed);
      f.chargedOff = add(f.chargedOff, x.chargedOff);
      f.total = add(f.total, x.out);
      if (state === 'overdue') f.overdue = add(f.overdue, x.out);
      else if (state === 'current') f.current = add(f.current, x.out);
    }
  });
  for (const b of buckets) out[b]!.unpaid = add(out[b]!.overdue, out[b]!.current);
  return out;
}

/** What a loan still has charged off (not yet recovered), every installment and bucket. */
export function chargedOffOf(loan: Loan): Dec {
  let sum = ZERO;
  for (const inst of loan.installments) for (const b of BUCKETS) sum = add(sum, inst.buckets[b].chargedOff);
  return sum;
}

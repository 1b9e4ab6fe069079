/**
 * Spreading money over installments (docs/ledger.md "Payments"): installment by installment in the
 * order given, and within one installment bucket by bucket in the payment order. Shared by
 * payments and the automatic use of the positive balance.
 */
import type { BucketType, PaymentConfig } from './api.js';
import { chargedOffOf, outstanding, owesAnything } from './buckets.js';
import { minDec, ZERO, type Dec } from './decimal.js';
import type { Draft } from './draft.js';
import { BUCKETS, DEFAULT_ORDER, isBucketType, type AllocationLine, type Bucket, type Installment, type Loan } from './model.js';

export interface Target {
  /** A mutable loan of the draft. */
  loan: Loan;
  index: number;
}

/**
 * A payment config's order, made total: unknown names dropped, duplicates ignored, and any
 * bucket it forgot appended in the default order, so no owed bucket is ever unreachable.
 */
export function allocationOrder(config: PaymentConfig | null | undefined): BucketType[] {
  const seen = new Set<BucketType>();
  const out: BucketType[] = [];
  for (const b of config?.allocation_order ?? []) {
    if (isBucketType(b) && !seen.has(b)) {
      seen.add(b);
      out.push(b);
    }
  }
  for (const b of DEFAULT_ORDER) if (!seen.has(b)) out.push(b);
  return out;
}

/** Pays `amount` into what the targets owe, in order; returns what is left. */
export function allocate(d: Draft, amount: Dec, targets: readonly Target[], order: readonly BucketType[], step: string, lines: AllocationLine[]): Dec {
  return walkBuckets(amount, targets, order, outstanding, (loan, index, bucket, take) => {
    const inst = d.own(loan, index);
    d.pay(loan, inst, bucket, take, step);
    return inst;
  }, lines);
}

/**
 * The one walk of money over installments: target by target, bucket by bucket in `order`,
 * taking from each what `owedOf` says it owes until `amount` runs out. `take` moves the money
 * (a payment, a recovery) and returns the draft's own installment; every take is a line.
 */
export function walkBuckets(
  amount: Dec,
  targets: readonly Target[],
  order: readonly BucketType[],
  owedOf: (bucket: Bucket) => Dec,
  take: (loan: Loan, index: number, bucket: BucketType, amount: Dec) => Installment,
  lines: AllocationLine[],
): Dec {
  let remaining = amount;
  for (const { loan, index } of targets) {
    if (remaining.lte(0)) break;
    for (const bucket of order) {
      if (remaining.lte(0)) break;
      const owed = owedOf(loan.installments[index]!.buckets[bucket]);
      if (owed.lte(0)) continue;
      const amountTaken = minDec(owed, remaining);
      const inst = take(loan, index, bucket, amountTaken);
      lines.push({ loanId: loan.id, installment: inst.number, bucket, amount: amountTaken });
      remaining = remaining.minus(amountTaken);
    }
  }
  return remaining.isNegative() ? ZERO : remaining;
}

/** Every installment of the loans that still owes, oldest due first (ties: loan creation order), as mutable targets. */
export function targetsByDueDate(d: Draft, loanIds: readonly string[], filter: (inst: Installment) => boolean = () => true): Target[] {
  return dueOrderedTargets(d, loanIds, (inst) => filter(inst) && owes(inst));
}

/**
 * The installments of the loans that `wanted` picks, oldest due first (ties: loan creation
 * order, then installment), as mutable targets. A loan `loanWanted` refuses, or with no
 * wanted installment, is not copied into the draft, so a long-paid history costs nothing.
 */
export function dueOrderedTargets(
  d: Draft,
  loanIds: readonly string[],
  wanted: (inst: Installment) => boolean,
  loanWanted: (loan: Loan) => boolean = () => true,
): Target[] {
  const targets: Array<Target & { rank: number; due: number }> = [];
  for (const id of loanIds) {
    const shared = d.loan(id);
    if (shared === undefined || !loanWanted(shared) || !shared.installments.some(wanted)) continue;
    const loan = d.mutable(id);
    const rank = d.loanRank(id);
    loan.installments.forEach((inst, index) => {
      if (wanted(inst)) targets.push({ loan, index, rank, due: inst.due });
    });
  }
  targets.sort((a, b) => a.due - b.due || a.rank - b.rank || a.index - b.index);
  return targets;
}

function owes(inst: Installment): boolean {
  for (const b of BUCKETS) if (!inst.buckets[b].out.isZero()) return true;
  return false;
}

/** Records the day a loan stopped owing anything (set once; accruals never restart on a paid-off loan). */
export function markPaidOff(d: Draft, loanIds: Iterable<string>): void {
  for (const id of loanIds) {
    const loan = d.loan(id);
    if (loan === undefined || loan.closed !== null || loan.paidOff !== null) continue;
    // A charged-off loan is paid off once recoveries have paid back everything written off.
    if (!owesAnything(loan) && (loan.chargedOff === null || chargedOffOf(loan).isZero())) d.mutable(id).paidOff = d.today;
  }
}

/** Sums allocation lines per loan and bucket, for result bodies. */
export function splitByLoan(lines: readonly AllocationLine[]): Map<string, Map<BucketType, Dec>> {
  const out = new Map<string, Map<BucketType, Dec>>();
  for (const line of lines) {
    let perBucket = out.get(line.loanId);
    if (perBucket === undefined) {
      perBucket = new Map();
      out.set(line.loanId, perBucket);
    }
    perBucket.set(line.bucket, (perBucket.get(line.bucket) ?? ZERO).plus(line.amount));
  }
  return out;
}

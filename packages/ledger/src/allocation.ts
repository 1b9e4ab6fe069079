/**
 * Spreading money over installments (docs/ledger.md "Payments"): installment by installment in the
 * order given, and within one installment bucket by bucket in the payment order. Shared by
 * payments and the automatic use of the positive balance.
 */
import type { BucketType, PaymentConfig } from './api.js';
import { chargedOffOf, outstanding, owesAnything } from './buckets.js';
import { minDec, ZERO, type Dec } from './decimal.js';
import type { Draft } from './draft.js';
import { BUCKETS, DEFAULT_ORDER, type AllocationLine, type Installment, type Loan } from './model.js';

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
    if ((BUCKETS as readonly string[]).includes(b) && !seen.has(b)) {
      seen.add(b);
      out.push(b);
    }
  }
  for (const b of DEFAULT_ORDER) if (!seen.has(b)) out.push(b);
  return out;
}

/** Pays `amount` into the targets in order; returns what is left. */
export function allocate(
  d: Draft,
  amount: Dec,
  targets: readonly Target[],
  order: readonly BucketType[],
  step: string,
  lines: AllocationLine[],
): Dec {
  let remaining = amount;
  for (const { loan, index } of targets) {
    if (remaining.lte(0)) break;
    for (const bucket of order) {
      if (remaining.lte(0)) break;
      const owed = outstanding(loan.installments[index]!.buckets[bucket]);
      if (owed.lte(0)) continue;
      const take = minDec(owed, remaining);
      const inst = d.own(loan, index);
      d.pay(loan, inst, bucket, take, step);
      lines.push({ loanId: loan.id, installment: inst.number, bucket, amount: take });
      remaining = remaining.minus(take);
    }
  }
  return remaining.isNegative() ? ZERO : remaining;
}

/** Every installment of the loans, oldest due first (ties: loan creation order), as mutable targets. */
export function targetsByDueDate(d: Draft, loanIds: readonly string[], filter: (inst: Installment) => boolean = () => true): Target[] {
  const targets: Array<Target & { rank: number; due: number }> = [];
  for (const id of loanIds) {
    const shared = d.loan(id)!;
    // Paid installments are skipped here so a long-paid history costs nothing per payment.
    if (!shared.installments.some((inst) => filter(inst) && owes(inst))) continue;
    const loan = d.mutable(id);
    const rank = d.loanRank(id);
    loan.installments.forEach((inst, index) => {
      if (filter(inst) && owes(inst)) targets.push({ loan, index, rank, due: inst.due });
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

/**
 * Recoveries (docs/ledger.md, "Charge-off"): money that reaches a charged-off loan pays its
 * charged-off amounts, installments by due date and buckets in the payment order, raising
 * `paid` and lowering `charged_off` (what is outstanding stays 0).
 */
import type { BucketType } from './api.js';
import { minDec, ZERO, type Dec } from './decimal.js';
import type { Draft } from './draft.js';
import { BUCKETS, type AllocationLine, type Installment } from './model.js';
import type { Target } from './allocation.js';

function hasChargedOff(inst: Installment): boolean {
  for (const b of BUCKETS) if (!inst.buckets[b].chargedOff.isZero()) return true;
  return false;
}

/** The charged-off installments of the loans, oldest due first (ties: loan creation order). */
export function recoveryTargets(d: Draft, loanIds: readonly string[]): Target[] {
  const targets: Array<Target & { rank: number; due: number }> = [];
  for (const id of loanIds) {
    const shared = d.loan(id);
    if (shared === undefined || shared.chargedOff === null || !shared.installments.some(hasChargedOff)) continue;
    const loan = d.mutable(id);
    const rank = d.loanRank(id);
    loan.installments.forEach((inst, index) => {
      if (hasChargedOff(inst)) targets.push({ loan, index, rank, due: inst.due });
    });
  }
  targets.sort((a, b) => a.due - b.due || a.rank - b.rank || a.index - b.index);
  return targets;
}

/** Pays `amount` into charged-off amounts in order; returns what is left. */
export function recover(d: Draft, amount: Dec, targets: readonly Target[], order: readonly BucketType[], step: string, lines: AllocationLine[]): Dec {
  let remaining = amount;
  for (const { loan, index } of targets) {
    if (remaining.lte(0)) break;
    for (const bucket of order) {
      if (remaining.lte(0)) break;
      const owed = loan.installments[index]!.buckets[bucket].chargedOff;
      if (owed.lte(0)) continue;
      const take = minDec(owed, remaining);
      const inst = d.own(loan, index);
      d.recover(loan, inst, bucket, take, step);
      lines.push({ loanId: loan.id, installment: inst.number, bucket, amount: take });
      remaining = remaining.minus(take);
    }
  }
  return remaining.isNegative() ? ZERO : remaining;
}

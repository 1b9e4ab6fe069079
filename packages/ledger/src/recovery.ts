/**
 * Recoveries (docs/ledger.md, "Charge-off"): money that reaches a charged-off loan pays its
 * charged-off amounts, installments by due date and buckets in the payment order, raising
 * `paid` and lowering `charged_off` (what is outstanding stays 0). The walk is the payments'
 * (allocation.ts); only what is owed and how it is taken differ.
 */
import type { BucketType } from './api.js';
import type { Dec } from './decimal.js';
import type { Draft } from './draft.js';
import { BUCKETS, type AllocationLine, type Installment } from './model.js';
import { dueOrderedTargets, walkBuckets, type Target } from './allocation.js';

function hasChargedOff(inst: Installment): boolean {
  for (const b of BUCKETS) if (!inst.buckets[b].chargedOff.isZero()) return true;
  return false;
}

/** The charged-off installments of the charged-off loans, oldest due first (ties: loan creation order). */
export function recoveryTargets(d: Draft, loanIds: readonly string[]): Target[] {
  return dueOrderedTargets(d, loanIds, hasChargedOff, (loan) => loan.chargedOff !== null);
}

/** Pays `amount` into charged-off amounts in order; returns what is left. */
export function recover(d: Draft, amount: Dec, targets: readonly Target[], order: readonly BucketType[], step: string, lines: AllocationLine[]): Dec {
  return walkBuckets(amount, targets, order, (bucket) => bucket.chargedOff, (loan, index, bucket, take) => {
    const inst = d.own(loan, index);
    d.recover(loan, inst, bucket, take, step);
    return inst;
  }, lines);
}

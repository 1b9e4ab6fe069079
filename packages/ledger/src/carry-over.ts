/**
 * The consolidation rules applied to one loan (docs/ledger.md, "Consolidation" and
 * "Restructuring"): the config's waivers first (an amount above what the scope owes is
 * lowered to it), then of the carried buckets the principal's `total` and every other
 * bucket's `unpaid` (overdue + current) is what the loan carries into a new principal; then
 * everything the loan still owes is closed (carried amounts live on in the new principal,
 * the rest is forgiven). Shared by consolidation and restructuring.
 */
import type { BucketType, ConsolidationConfig } from './api.js';
import { bucketFigures } from './buckets.js';
import { ZERO, type Dec } from './decimal.js';
import type { Draft } from './draft.js';
import { BUCKETS } from './model.js';
import { isWaiverScope, waive } from './waivers.js';

export interface CarryOverOptions {
  waiverStep: string;
  closeStep: string;
  context: Record<string, unknown>;
}

export interface CarriedOver {
  /** What the loan carries into the new principal. */
  carried: Dec;
  /** What the config's waivers took off the loan first. */
  waived: Dec;
}

/** Applies the rules to one loan, which ends closed. */
export function carryOver(d: Draft, loanId: string, config: ConsolidationConfig | null | undefined, options: CarryOverOptions): CarriedOver {
  let waived = ZERO;
  for (const w of config?.waivers ?? []) {
    if (!isWaiverScope(w.bucket)) continue;
    const outcome = waive(d, loanId, { bucket: w.bucket, type: w.type, amount: w.amount ?? null, percentage: w.percentage ?? null }, {
      clamp: true,
      step: options.waiverStep,
      context: options.context,
    });
    if (outcome.ok) waived = waived.plus(outcome.waived);
  }
  const carried: readonly BucketType[] = config?.carried_buckets?.length ? config.carried_buckets : BUCKETS;
  const loan = d.mutable(loanId);
  let principal = ZERO;
  for (const bucket of carried) {
    const f = bucketFigures(loan, bucket, d.today);
    principal = principal.plus(bucket === 'principal' ? f.total : f.unpaid);
  }
  loan.installments.forEach((_, index) => d.closeInstallment(loan, index, options.closeStep));
  return { carried: principal, waived };
}

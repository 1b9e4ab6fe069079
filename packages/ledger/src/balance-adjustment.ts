/**
 * Balance adjustment (docs/ledger.md, "Balance adjustment"): an operations team's correction
 * of one bucket of one installment. A positive amount adds to what the bucket owes, a negative
 * one removes at most what it owes (more is a refusal; on a replay, where a back-dated
 * operation left the bucket owing less, it removes what there is). Interest is not recomputed:
 * only the named bucket moves (what accrues later on a changed principal follows from it).
 */
import type { CreateBalanceAdjustmentOperation } from './api.js';
import { currentIndex } from './buckets.js';
import { requestIdOf, sortedBody, type OpContext, type Outcome } from './context.js';
import { minDec, money, round2, toDec } from './decimal.js';
import { closedLoanRefusal, refusal } from './errors.js';
import { domainEvent, freshEvents } from './events.js';
import { markPaidOff } from './allocation.js';
import type { CreateBalanceAdjustmentResult } from './operations/create-balance-adjustment.js';

export function createBalanceAdjustment(ctx: OpContext<CreateBalanceAdjustmentOperation>): Outcome<CreateBalanceAdjustmentResult, 'loan.balance_adjusted'> {
  const { d, op } = ctx;
  const terms = op.body.balance_adjustment;
  const context: Record<string, unknown> = { borrower_id: ctx.borrowerId, loan_id: op.loanId, adjustment_id: op.adjustmentId };
  const existing = d.loan(op.loanId);
  if (existing === undefined) return refusal('loan_not_found', context);
  const closed = closedLoanRefusal(existing, context);
  if (closed !== null) return closed;

  const count = existing.installments.length;
  const given = terms.installment ?? null;
  // Default: the installment current on the effective day (the last one once all are past).
  const index = given === null ? (currentIndex(existing, ctx.day) === -1 ? count - 1 : currentIndex(existing, ctx.day)) : given - 1;
  if (index < 0 || index >= count) return refusal('installment_not_found', { ...context, installment: given, number_of_installments: count });

  const amount = toDec(terms.amount);
  const bucket = terms.bucket;
  const owed = round2(existing.installments[index]!.buckets[bucket].out);
  if (amount.isNegative() && amount.neg().gt(owed) && ctx.mode === 'fresh') {
    return refusal('adjustment_exceeds_owed', { ...context, bucket, installment: index + 1, amount: terms.amount, owed: money(owed) });
  }
  const applied = amount.isNegative() ? minDec(amount.neg(), owed).neg() : amount;
  const loan = d.mutable(op.loanId);
  d.adjust(loan, d.own(loan, index), bucket, applied, 'balance_adjustment');
  if (applied.isPositive()) loan.paidOff = null;
  else markPaidOff(d, [loan.id]);

  const installment = index + 1;
  return {
    ok: true,
    clamped: !applied.eq(amount),
    ...freshEvents(ctx, () => [domainEvent(ctx, 'loan.balance_adjusted', op.loanId, {
      adjustment_id: op.adjustmentId,
      amount: money(applied),
      balance_after: money(d.loan(op.loanId)!.installments[index]!.buckets[bucket].out),
      bucket,
      installment,
      reason: terms.reason ?? null,
    })]),
    body: sortedBody<CreateBalanceAdjustmentResult>({
      balance_adjustment: { ...terms, installment },
      id: op.adjustmentId,
      kordev_id: ctx.kordevId,
      loan_id: op.loanId,
      request_id: requestIdOf(op),
    }),
  };
}

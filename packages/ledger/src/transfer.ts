/**
 * Ownership transfer (docs/ledger.md): the owner changes from the effective day on; the answer
 * reports the principal, interest and installment_fee states on that day.
 */
import type { BucketType, TransferOwnershipOperation } from './api.js';
import { bucketFigures } from './buckets.js';
import { requestIdOf, sortedBody, type OpContext, type Outcome } from './context.js';
import { ZERO, money } from './decimal.js';
import { refusal } from './errors.js';
import type { Loan } from './model.js';
import type { DayNum } from './calendar.js';
import { domainEvent, freshEvents } from './events.js';
import type { BucketStates, TransferOwnershipResult } from './operations/transfer-ownership.js';

export function ownerOn(loan: Loan, day: DayNum): string | null {
  let owner: string | null = null;
  for (const span of loan.owners) if (span.from <= day) owner = span.owner;
  return owner;
}

export function createTransfer(ctx: OpContext<TransferOwnershipOperation>): Outcome<TransferOwnershipResult, 'loan.ownership_transferred'> {
  const { d, op } = ctx;
  const transfer = op.body.ownership_transfer;
  const newOwner = transfer.new_owner;
  const context = { borrower_id: ctx.borrowerId, loan_id: op.loanId, new_owner: newOwner };
  const existing = d.loan(op.loanId);
  if (existing === undefined) return refusal('loan_not_found', context);
  if (existing.closed !== null) return refusal(existing.closed.kind === 'cancelled' ? 'loan_cancelled' : 'loan_consolidated', context);
  const previousOwner = ownerOn(existing, ctx.day);
  if (previousOwner === newOwner) return refusal('same_owner', context);

  const loan = d.mutable(op.loanId);
  // Operations of a day apply in order, so a later transfer the same day replaces the earlier.
  loan.owners = loan.owners.filter((span) => span.from < ctx.day);
  loan.owners.push({ from: ctx.day, owner: newOwner });
  // No bucket moves; the history notes the change on the loan's `owner` pseudo-bucket.
  d.record({ loanId: loan.id, installment: null, bucket: 'owner', status: 'transferred', delta: ZERO, balance: ZERO, step: 'transfer', newOwner });

  const states = (bucket: BucketType): BucketStates => {
    const f = bucketFigures(loan, bucket, ctx.day);
    return { current: money(f.current), overdue: money(f.overdue), total: money(f.total), unpaid: money(f.unpaid) };
  };
  const amounts = { installment_fee: states('installment_fee'), interest: states('interest'), principal: states('principal') };
  return {
    ok: true,
    ...freshEvents(ctx, () => [domainEvent(ctx, 'loan.ownership_transferred', op.loanId, {
      new_owner: newOwner,
      previous_owner: previousOwner,
      transferred_amounts: amounts,
    })]),
    body: sortedBody<TransferOwnershipResult>({
      id: op.loanId,
      kordev_id: ctx.kordevId,
      new_owner: newOwner,
      occurred_on: op.body.occurred_on ?? op.recordedAt,
      request_id: requestIdOf(op),
      transferred_amounts: amounts,
    }),
  };
}

/** create_fee: a one-off fee charged on a loan's current installment (late_fee bucket). */
import { currentIndex } from '../buckets.js';
import { requestIdOf, sortedBody, type OpContext, type Outcome } from '../context.js';
import { money, toDec } from '../decimal.js';
import { closedLoanRefusal, refusal } from '../errors.js';
import { domainEvent, freshEvents } from '../events.js';
import { defineLedgerOperation, type BodyBase, type Open, type OperationBase } from './define.js';

export interface CreateFeeBody extends BodyBase { fee: Open & { amount: number; effective_date: string } }
export interface CreateFeeOperation extends OperationBase<'create_fee', CreateFeeBody> { loanId: string; feeId: string }
export interface CreateFeeResult { fee: CreateFeeBody['fee']; id: string; kordev_id: number; loan_id: string; request_id: string | null }

export function createFee(ctx: OpContext<CreateFeeOperation>): Outcome<CreateFeeResult, 'loan.fee_charged'> {
  const { d, op } = ctx;
  const context = { borrower_id: ctx.borrowerId, loan_id: op.loanId, fee_id: op.feeId };
  const existing = d.loan(op.loanId);
  if (existing === undefined) return refusal('loan_not_found', context);
  const closed = closedLoanRefusal(existing, context);
  if (closed !== null) return closed;
  const current = currentIndex(existing, ctx.day);
  const index = current === -1 ? existing.installments.length - 1 : current;
  const amount = toDec(op.body.fee.amount);
  const loan = d.mutable(op.loanId);
  d.charge(loan, d.own(loan, index), 'late_fee', amount, 'fee');
  loan.paidOff = null;
  return {
    ok: true,
    ...freshEvents(ctx, () => [domainEvent(ctx, 'loan.fee_charged', op.loanId, { fee_id: op.feeId, amount: money(amount) })]),
    body: sortedBody<CreateFeeResult>({ fee: op.body.fee, id: op.feeId, kordev_id: ctx.kordevId, loan_id: op.loanId, request_id: requestIdOf(op) }),
  };
}

export const createFeeOperation = defineLedgerOperation<CreateFeeOperation, CreateFeeResult, 'loan.fee_charged'>({
  effectiveInstant: (op) => op.body.fee.effective_date,
  handle: createFee,
  steps: { fee: 'FEE_CHARGE' },
});

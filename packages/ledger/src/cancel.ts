/**
 * Cancel loan (docs/ledger.md): from its effective day the loan owes nothing — every outstanding
 * amount is closed — and what was paid on it moves to the borrower's positive balance.
 * The paid amounts stay recorded as paid (history is not rewritten); the refund is a
 * separate, visible movement of the positive balance.
 */
import type { CancelLoanOperation } from './api.js';
import { sortedBody, requestIdOf, type OpContext, type Outcome } from './context.js';
import { ZERO } from './decimal.js';
import { refusal } from './errors.js';
import { BUCKETS } from './model.js';
import { domainEvent, freshEvents } from './events.js';
import { money } from './decimal.js';
import type { CancelLoanResult } from './operations/cancel-loan.js';

export function cancelLoan(ctx: OpContext<CancelLoanOperation>): Outcome<CancelLoanResult, 'loan.cancelled'> {
  const { d, op } = ctx;
  const context = { borrower_id: ctx.borrowerId, loan_id: op.loanId };
  const existing = d.loan(op.loanId);
  if (existing === undefined) return refusal('loan_not_found', context);
  if (existing.closed !== null) return refusal(existing.closed.kind === 'cancelled' ? 'loan_cancelled' : 'loan_consolidated', context);
  if (existing.chargedOff !== null) return refusal('loan_charged_off', context);

  const loan = d.mutable(op.loanId);
  let paid = ZERO;
  // Paid on installments a restructuring closed counts too: the whole loan is undone.
  for (const inst of loan.former) for (const b of BUCKETS) paid = paid.plus(inst.buckets[b].paid);
  loan.installments.forEach((inst, index) => {
    for (const b of BUCKETS) paid = paid.plus(inst.buckets[b].paid);
    d.closeInstallment(loan, index, 'cancellation');
  });
  loan.closed = { kind: 'cancelled', day: ctx.day, into: null, bySeq: op.seq };
  if (paid.gt(0)) {
    d.movePositiveBalance(paid, 'cancellation', loan.id);
    d.addPayment({ kind: 'cancellation_refund', paymentId: null, seq: op.seq, operationId: op.operationId, day: ctx.day, amount: paid, lines: [], positiveBalance: paid, loanId: loan.id });
  }
  const effective = op.body.loan_cancellation?.effective_date ?? op.recordedAt;
  return {
    ok: true,
    ...freshEvents(ctx, () => [domainEvent(ctx, 'loan.cancelled', op.loanId, {
      cancellation_date: effective,
      refunded_to_positive_balance: money(paid),
    })]),
    body: sortedBody<CancelLoanResult>({ effective_date: effective, id: op.operationId, kordev_id: ctx.kordevId, loan_id: op.loanId, request_id: requestIdOf(op) }),
  };
}

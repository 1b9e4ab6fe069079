/**
 * Charge-off (docs/ledger.md, "Charge-off"): on the effective day everything the loan still
 * owes, in every bucket of every installment (overdue, current and future), is written off:
 * it moves from outstanding to `charged_off`. From then on the loan accrues nothing and its
 * due days no longer trigger the positive balance; a payment that reaches it is a recovery
 * (recovery.ts).
 */
import type { ChargeOffLoanOperation } from './api.js';
import { numToDay } from './calendar.js';
import { requestIdOf, sortedBody, type OpContext, type Outcome } from './context.js';
import { ZERO, money } from './decimal.js';
import { closedLoanRefusal, refusal } from './errors.js';
import type { ChargeOffLoanResult } from './operations/charge-off-loan.js';

export function chargeOffLoan(ctx: OpContext<ChargeOffLoanOperation>): Outcome<ChargeOffLoanResult, 'loan.charged_off'> {
  const { d, op } = ctx;
  const body = op.body.loan_charge_off;
  const context = { borrower_id: ctx.borrowerId, loan_id: op.loanId };
  const existing = d.loan(op.loanId);
  if (existing === undefined) return refusal('loan_not_found', context);
  const closed = closedLoanRefusal(existing, context);
  if (closed !== null) return closed;

  const loan = d.mutable(op.loanId);
  let amount = ZERO;
  loan.installments.forEach((_, index) => {
    amount = amount.plus(d.chargeOffInstallment(loan, index, 'charge_off'));
  });
  loan.chargedOff = { day: ctx.day, bySeq: op.seq };
  const effectiveDate = typeof body.effective_date === 'string' ? body.effective_date : op.recordedAt;
  const reason = typeof body.reason === 'string' ? body.reason : null;
  const result = {
    charged_off_amount: money(amount),
    effective_date: effectiveDate,
    id: op.operationId,
    kordev_id: ctx.kordevId,
    loan_id: op.loanId,
    request_id: requestIdOf(op),
  };
  return {
    ok: true,
    body: sortedBody<ChargeOffLoanResult>(result),
    events: [{
      type: 'loan.charged_off',
      loan_id: op.loanId,
      effective_date: numToDay(ctx.day),
      payload: { charged_off_amount: result.charged_off_amount, effective_date: effectiveDate, kordev_id: ctx.kordevId, reason },
    }],
  };
}

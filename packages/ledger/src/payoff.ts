/**
 * Payoff (docs/ledger.md, "Payoff"): a payment that settles a loan for good on its day. The
 * quote's amounts (payoff-quote.ts) are paid, everything else the loan would still owe (the
 * unaccrued rest of the current installment, the future interest and installment fees) is
 * closed, the loan is paid off on that day, and the excess becomes positive balance.
 *
 * An amount below the quote is refused (409, the quote in the context). A replay never
 * refuses money already received: when a back-dated operation has raised the quote above the
 * amount, or the loan can no longer be paid off, the payoff is replayed as an ordinary payment
 * to the loan (or to the positive balance when the loan is gone), marked `clamped`.
 */
import type { BucketType } from './api.js';
import { allocate, allocationOrder, markPaidOff, targetsByDueDate } from './allocation.js';
import { numToDay } from './calendar.js';
import { requestIdOf, sortedBody, type OpContext, type Outcome } from './context.js';
import { ZERO, money, toDec, type Dec } from './decimal.js';
import { refusal } from './errors.js';
import { domainEvent, freshEvents } from './events.js';
import type { CreatePayoffOperation } from './operations/create-payoff.js';
import type { AllocationLine } from './model.js';
import { payoffQuote, payoffRefusal } from './payoff-quote.js';
import { breakdownBody } from './payoff-read.js';
import type { CreatePayoffResult } from './operations/create-payoff.js';

/** The history step of a payoff's payments and closings (`PAYOFF`). */
export const PAYOFF_STEP = 'payoff';

export function createPayoff(ctx: OpContext<CreatePayoffOperation>): Outcome<CreatePayoffResult, 'loan.paid_off'> {
  const { d, op } = ctx;
  const amount = toDec(op.body.payoff.amount_paid);
  const context = { borrower_id: ctx.borrowerId, loan_id: op.loanId, payoff_id: op.payoffId };
  const existing = d.loan(op.loanId);
  const refused = payoffRefusal(existing, context);
  if (refused !== null) {
    if (ctx.mode === 'fresh') return refused;
    // Replayed after a back-dated operation closed, charged off or paid off the loan first.
    return asPayment(ctx, amount, existing !== undefined && existing.closed === null ? op.loanId : null);
  }
  const quote = payoffQuote(existing!, ctx.day);
  if (amount.lt(quote.total)) {
    if (ctx.mode === 'fresh') {
      return refusal('payoff_below_quote', {
        ...context,
        amount_paid: money(amount),
        breakdown: breakdownBody(quote),
        date: numToDay(ctx.day),
        payoff_amount: money(quote.total),
      });
    }
    return asPayment(ctx, amount, op.loanId);
  }

  const loan = d.mutable(op.loanId);
  const lines: AllocationLine[] = [];
  const order = allocationOrder(op.paymentConfig);
  const rank = (b: BucketType): number => order.indexOf(b);
  const sorted = [...quote.lines].sort((a, b) => a.index - b.index || rank(a.bucket) - rank(b.bucket));
  for (const line of sorted) {
    const inst = d.own(loan, line.index);
    d.pay(loan, inst, line.bucket, line.amount, PAYOFF_STEP);
    lines.push({ loanId: loan.id, installment: inst.number, bucket: line.bucket, amount: line.amount });
  }
  loan.installments.forEach((_, index) => d.closeInstallment(loan, index, PAYOFF_STEP));
  loan.paidOff = ctx.day;
  const excess = amount.minus(quote.total);
  d.movePositiveBalance(excess, PAYOFF_STEP);
  record(ctx, amount, lines, excess);

  const result = {
    amount_paid: money(amount),
    payoff_amount: money(quote.total),
    to_positive_balance: money(excess),
  };
  return {
    ok: true,
    ...freshEvents(ctx, () => [domainEvent(ctx, 'loan.paid_off', op.loanId, {
      ...result,
      breakdown: breakdownBody(quote),
      paid_off_date: numToDay(ctx.day),
      payment_date: op.body.payoff.payment_date,
      payoff_id: op.payoffId,
    })]),
    body: resultBody(ctx, result),
  };
}

/** The replay of a payoff that no longer settles the loan: an ordinary payment (docs/ledger.md, "Payoff"). */
function asPayment(ctx: OpContext<CreatePayoffOperation>, amount: Dec, loanId: string | null): Outcome<CreatePayoffResult, 'loan.paid_off'> {
  const { d, op } = ctx;
  const lines: AllocationLine[] = [];
  let left = amount;
  if (loanId !== null && d.loan(loanId)?.chargedOff === null) {
    left = allocate(d, amount, targetsByDueDate(d, [loanId]), allocationOrder(op.paymentConfig), 'payment', lines);
  }
  d.movePositiveBalance(left, 'payment');
  record(ctx, amount, lines, left);
  if (loanId !== null) markPaidOff(d, [loanId]);
  return {
    ok: true,
    clamped: true,
    body: resultBody(ctx, { amount_paid: money(amount), payoff_amount: money(amount.minus(left)), to_positive_balance: money(left) }),
  };
}

function record(ctx: OpContext<CreatePayoffOperation>, amount: Dec, lines: AllocationLine[], toPositive: Dec): void {
  ctx.d.addPayment({
    kind: 'payoff',
    paymentId: ctx.op.payoffId,
    seq: ctx.op.seq,
    operationId: ctx.op.operationId,
    day: ctx.day,
    amount,
    lines,
    positiveBalance: toPositive.isNegative() ? ZERO : toPositive,
    loanId: ctx.op.loanId,
  });
}

function resultBody(ctx: OpContext<CreatePayoffOperation>, amounts: { amount_paid: number; payoff_amount: number; to_positive_balance: number }): CreatePayoffResult {
  return sortedBody<CreatePayoffResult>({ ...amounts, id: ctx.op.payoffId, kordev_id: ctx.kordevId, loan_id: ctx.op.loanId, request_id: requestIdOf(ctx.op) });
}

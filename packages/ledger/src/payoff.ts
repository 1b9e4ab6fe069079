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
import type { BucketType, LedgerEvent, PaymentConfig } from './api.js';
import { allocate, allocationOrder, markPaidOff, targetsByDueDate } from './allocation.js';
import { numToDay, type DayNum } from './calendar.js';
import type { Mode } from './context.js';
import { ZERO, money, toDec, type Dec } from './decimal.js';
import type { Draft } from './draft.js';
import { refusal, type Refusal } from './errors.js';
import type { AllocationLine } from './model.js';
import { payoffQuote, payoffRefusal } from './payoff-quote.js';
import { breakdownBody } from './payoff-read.js';

export interface PayoffTerms {
  amount_paid: number;
  payment_date: string;
  config_id?: string | null | undefined;
  [extra: string]: unknown;
}

export interface CreatePayoffBody {
  payoff: PayoffTerms;
  occurred_on?: string | undefined;
  request_id?: string | null | undefined;
}

/** What the payoff handler needs of its operation (the engine's `LedgerOperation` shape). */
export interface PayoffOperation {
  seq: number;
  operationId: string;
  loanId: string;
  payoffId: string;
  paymentConfig: PaymentConfig | null;
  requestId?: string | null;
  body: CreatePayoffBody;
}

export interface PayoffContext {
  d: Draft;
  op: PayoffOperation;
  day: DayNum;
  kordevId: number;
  mode: Mode;
  borrowerId: string;
}

export type PayoffOutcome =
  | { ok: true; body: Record<string, unknown>; clamped?: boolean; events?: LedgerEvent[] }
  | Refusal;

/** The history step of a payoff's payments and closings (`PAYOFF`). */
export const PAYOFF_STEP = 'payoff';

export function createPayoff(ctx: PayoffContext): PayoffOutcome {
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
    ...(ctx.mode === 'fresh' ? { events: [paidOffEvent(ctx, { ...result, breakdown: breakdownBody(quote) })] } : {}),
    body: resultBody(ctx, result),
  };
}

/** The replay of a payoff that no longer settles the loan: an ordinary payment (docs/ledger.md, "Payoff"). */
function asPayment(ctx: PayoffContext, amount: Dec, loanId: string | null): PayoffOutcome {
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

function record(ctx: PayoffContext, amount: Dec, lines: AllocationLine[], toPositive: Dec): void {
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

function resultBody(ctx: PayoffContext, amounts: { amount_paid: number; payoff_amount: number; to_positive_balance: number }): Record<string, unknown> {
  const requestId = ctx.op.body.request_id;
  return {
    amount_paid: amounts.amount_paid,
    id: ctx.op.payoffId,
    kordev_id: ctx.kordevId,
    loan_id: ctx.op.loanId,
    payoff_amount: amounts.payoff_amount,
    request_id: typeof requestId === 'string' ? requestId : ctx.op.requestId ?? null,
    to_positive_balance: amounts.to_positive_balance,
  };
}

/** `loan.paid_off` (docs/events.md). */
function paidOffEvent(ctx: PayoffContext, payload: Record<string, unknown>): LedgerEvent {
  return {
    type: 'loan.paid_off',
    loan_id: ctx.op.loanId,
    effective_date: numToDay(ctx.day),
    payload: { kordev_id: ctx.kordevId, paid_off_date: numToDay(ctx.day), payment_date: ctx.op.body.payoff.payment_date, payoff_id: ctx.op.payoffId, ...payload },
  };
}

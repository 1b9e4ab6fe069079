/**
 * Create payment (docs/api.md and docs/ledger.md). With allocations each part goes to its loan; without, the
 * payment is spread over all the borrower's open loans, oldest due amount first. Whatever
 * is left once everything reachable is paid becomes positive balance.
 */
import type { BucketType, CreatePaymentOperation } from './api.js';
import { allocate, allocationOrder, markPaidOff, splitByLoan, targetsByDueDate } from './allocation.js';
import { sortedBody, requestIdOf, type OpContext, type Outcome } from './context.js';
import { ZERO, money, toDec, type Dec } from './decimal.js';
import { refusal } from './errors.js';
import { recover, recoveryTargets } from './recovery.js';
import { BUCKETS, perBucket, type AllocationLine, type Installment } from './model.js';
import type { Draft } from './draft.js';
import { dueNow, prepay, prepaymentEffectOf } from './prepayment.js';
import type { PrepaymentEffect } from './reschedule.js';
import { domainEvent, freshEvents } from './events.js';
import type { AppliedAllocation, CreatePaymentResult } from './operations/create-payment.js';

interface Part {
  loanId: string | null;
  amount: Dec;
}

export function createPayment(ctx: OpContext<CreatePaymentOperation>): Outcome<CreatePaymentResult, 'payment.applied'> {
  const { d, op } = ctx;
  const payment = op.body.payment;
  const amount = toDec(payment.amount_paid);
  const rawAllocations = op.body.payment_allocations;
  const allocations = rawAllocations ?? null;
  const context = { borrower_id: ctx.borrowerId, payment_id: op.paymentId };

  // The amount is not negative and the allocations sum to it exactly: contracts checked both
  // (create-payment.ts) before intake accepted the payment. What needs the state is checked here.
  const parts: Part[] = [];
  if (allocations !== null && allocations.length > 0) {
    for (const a of allocations) {
      const loanId = a.loan_id;
      const loan = d.loan(loanId);
      // A replay never refuses a payment: money received stays received, as positive balance.
      if (loan === undefined) {
        if (ctx.mode === 'fresh') return refusal('loan_not_found', { ...context, loan_id: loanId });
        parts.push({ loanId: null, amount: toDec(a.amount) });
        continue;
      }
      if (loan.closed !== null) {
        if (ctx.mode === 'fresh') {
          return refusal(loan.closed.kind === 'cancelled' ? 'loan_cancelled' : 'loan_consolidated', { ...context, loan_id: loanId });
        }
        parts.push({ loanId: null, amount: toDec(a.amount) });
        continue;
      }
      parts.push({ loanId, amount: toDec(a.amount) });
    }
  } else {
    parts.push({ loanId: null, amount });
  }

  const order = allocationOrder(op.paymentConfig);
  const effect = prepaymentEffectOf(payment, op.paymentConfig);
  const lines: AllocationLine[] = [];
  let toPositive = ZERO;
  for (const part of parts) {
    let left = part.amount;
    if (part.loanId !== null) {
      // To a charged-off loan, a payment is a recovery (docs/ledger.md, "Charge-off").
      left = d.loan(part.loanId)!.chargedOff !== null
        ? recover(d, left, recoveryTargets(d, [part.loanId]), order, 'recovery', lines)
        : payLoans(d, left, [part.loanId], order, effect, op.paymentId, lines);
    } else if (allocations === null || allocations.length === 0) {
      const open = d.allLoans().filter((l) => l.closed === null);
      left = payLoans(d, left, open.map((l) => l.id), order, effect, op.paymentId, lines);
      // What every open loan did not need recovers charged-off amounts before it becomes positive balance.
      const chargedOff = open.filter((l) => l.chargedOff !== null).map((l) => l.id);
      if (chargedOff.length > 0) left = recover(d, left, recoveryTargets(d, chargedOff), order, 'recovery', lines);
    } // else: an allocation to a loan that is gone goes straight to positive balance
    toPositive = toPositive.plus(left);
  }
  d.movePositiveBalance(toPositive, 'payment');
  d.addPayment({
    kind: 'payment',
    paymentId: op.paymentId,
    seq: op.seq,
    operationId: op.operationId,
    day: ctx.day,
    amount,
    lines,
    positiveBalance: toPositive,
    loanId: null,
  });
  markPaidOff(d, new Set(lines.map((l) => l.loanId)));

  const applied = appliedAllocations(lines);
  return {
    ok: true,
    ...freshEvents(ctx, () => [domainEvent(ctx, 'payment.applied', null, {
      amount_paid: money(amount),
      applied_allocations: applied,
      payment_allocations: rawAllocations ?? null,
      payment_date: payment.payment_date ?? null,
      payment_id: op.paymentId,
      positive_balance_amount: money(toPositive),
    })]),
    body: sortedBody<CreatePaymentResult>({
      applied_allocations: applied,
      id: op.paymentId,
      kordev_id: ctx.kordevId,
      payment,
      payment_allocations: rawAllocations ?? null,
      positive_balance_amount: money(toPositive),
      request_id: requestIdOf(op),
    }),
  };
}

/**
 * Pays into the loans: with `pay_ahead` every installment by due date (docs/ledger.md,
 * "Payments"); otherwise what is overdue and current first, then each loan's future principal
 * in creation order (prepayment.ts). Returns what is left.
 */
function payLoans(d: Draft, amount: Dec, loanIds: readonly string[], order: readonly BucketType[], effect: PrepaymentEffect, paymentId: string, lines: AllocationLine[]): Dec {
  if (effect === 'pay_ahead') return allocate(d, amount, targetsByDueDate(d, loanIds), order, 'payment', lines);
  const now = new Set<Installment>();
  for (const id of loanIds) {
    const loan = d.loan(id);
    if (loan !== undefined) for (const inst of loan.installments.filter(dueNow(loan, d.today))) now.add(inst);
  }
  let left = allocate(d, amount, targetsByDueDate(d, loanIds, (inst) => now.has(inst)), order, 'payment', lines);
  for (const id of loanIds) {
    const loan = d.loan(id);
    if (left.lte(0) || loan === undefined || loan.closed !== null || loan.chargedOff !== null || loan.paidOff !== null) continue;
    left = prepay(d, id, left, effect, paymentId, lines);
  }
  return left;
}

/** The applied split per loan and bucket: `[{loan_id, amount, buckets: {principal: ..., ...}}]`. */
export function appliedAllocations(lines: readonly AllocationLine[]): AppliedAllocation[] {
  const out: AppliedAllocation[] = [];
  for (const [loanId, byBucket] of splitByLoan(lines)) {
    let total = ZERO;
    for (const b of BUCKETS) total = total.plus(byBucket.get(b) ?? ZERO);
    out.push({ loan_id: loanId, amount: money(total), buckets: perBucket((b) => money(byBucket.get(b) ?? ZERO)) });
  }
  return out;
}

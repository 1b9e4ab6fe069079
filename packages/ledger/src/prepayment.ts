/**
 * Prepayment (docs/ledger.md, "Prepayment"). With `reduce_term` or `reduce_installment`, what a
 * payment leaves after everything overdue and the whole current installment of a loan goes to
 * that loan's future principal (latest installments first for `reduce_term`, spread over them in
 * proportion to what each owes for `reduce_installment`), and the later installments are
 * recomputed from the new balance over the same due days with their period rates
 * (reschedule.ts). Scheduled amounts move as `initial` entries of step `prepayment`; the
 * installments a shorter term leaves with nothing are closed. `pay_ahead` never comes here.
 */
import type { PaymentConfig } from './api.js';
import type { DayNum } from './calendar.js';
import { currentIndex } from './buckets.js';
import { ZERO, add, minDec, type Dec } from './decimal.js';
import type { Draft } from './draft.js';
import type { AllocationLine, Installment, Loan } from './model.js';
import { recomputeTail, PREPAYMENT_EFFECTS, type PrepaymentEffect } from './reschedule.js';
import { conventionsOf, loanPeriodRates, roundByLoan } from './conventions.js';

export const PREPAYMENT_STEP = 'prepayment';

function isEffect(value: unknown): value is PrepaymentEffect {
  return PREPAYMENT_EFFECTS.some((effect) => effect === value);
}

/** The payment's own `prepayment_effect`, else its payment config's, else `pay_ahead`. */
export function prepaymentEffectOf(payment: Record<string, unknown>, config: PaymentConfig | null | undefined): PrepaymentEffect {
  const own = payment.prepayment_effect;
  if (isEffect(own)) return own;
  const configured = config?.prepayment_effect;
  return isEffect(configured) ? configured : 'pay_ahead';
}

/** Index of the first installment after the current one on `day`; the installments' length when there is none. */
export function firstFutureIndex(loan: Loan, day: DayNum): number {
  const cur = currentIndex(loan, day);
  return cur === -1 ? loan.installments.length : cur + 1;
}

/** True for the installments a payment must settle before anything is prepaid: overdue and current. */
export function dueNow(loan: Loan, day: DayNum): (inst: Installment) => boolean {
  const cur = currentIndex(loan, day);
  const last = cur === -1 ? Infinity : loan.installments[cur]!.due;
  return (inst) => inst.due <= last;
}

/** What the loan's future installments owe of principal. */
export function futurePrincipal(loan: Loan, day: DayNum): Dec {
  let sum = ZERO;
  for (let i = firstFutureIndex(loan, day); i < loan.installments.length; i++) sum = add(sum, loan.installments[i]!.buckets.principal.out);
  return sum;
}

/**
 * Prepays up to `amount` of the loan's future principal on `day` and recomputes its later
 * installments; returns what is left (the amount beyond the future principal).
 */
export function prepay(d: Draft, loanId: string, amount: Dec, effect: Exclude<PrepaymentEffect, 'pay_ahead'>, paymentId: string, lines: AllocationLine[]): Dec {
  const shared = d.loan(loanId);
  if (shared === undefined || amount.lte(0)) return amount;
  const day = d.today;
  const first = firstFutureIndex(shared, day);
  const owed = futurePrincipal(shared, day);
  if (owed.lte(0)) return amount;
  const prepaid = minDec(amount, owed);
  const loan = d.mutable(loanId);
  const shares = effect === 'reduce_term' ? latestFirst(loan, first, prepaid) : spread(loan, first, prepaid, owed);
  const taken = shares.map((share, k) => ({ index: first + k, share }));
  if (effect === 'reduce_term') taken.reverse(); // the latest installment is paid first
  taken.forEach(({ index, share }) => {
    if (share.lte(0)) return;
    const inst = d.own(loan, index);
    d.pay(loan, inst, 'principal', share, PREPAYMENT_STEP);
    lines.push({ loanId, installment: inst.number, bucket: 'principal', amount: share });
  });
  reschedule(d, loan, first, effect);
  loan.prepayments = [...(loan.prepayments ?? []), { paymentId, day, amount: prepaid, effect }];
  return amount.minus(prepaid);
}

/** The prepaid amount over the future installments, the last one first. */
function latestFirst(loan: Loan, first: number, amount: Dec): Dec[] {
  const shares: Dec[] = new Array<Dec>(loan.installments.length - first).fill(ZERO);
  let left = amount;
  for (let i = loan.installments.length - 1; i >= first && left.gt(0); i--) {
    const take = minDec(left, loan.installments[i]!.buckets.principal.out);
    shares[i - first] = take;
    left = left.minus(take);
  }
  return shares;
}

/** The prepaid amount in proportion to each future installment's principal (rounded; the last owing one takes the rest). */
function spread(loan: Loan, first: number, amount: Dec, owed: Dec): Dec[] {
  const outs = loan.installments.slice(first).map((inst) => inst.buckets.principal.out);
  let lastOwing = -1;
  outs.forEach((o, k) => { if (o.gt(0)) lastOwing = k; });
  let left = amount;
  return outs.map((o, k) => {
    if (o.lte(0) || left.lte(0)) return ZERO;
    const share = k === lastOwing ? left : minDec(minDec(roundByLoan(loan, amount.times(o).div(owed)), o), left);
    left = left.minus(share);
    return share;
  });
}

/** Recomputes installments `first`.. from their outstanding principal (docs/ledger.md, "Prepayment"). */
function reschedule(d: Draft, loan: Loan, first: number, effect: Exclude<PrepaymentEffect, 'pay_ahead'>): void {
  const tail = loan.installments.slice(first);
  let balance = ZERO;
  for (const inst of tail) balance = add(balance, inst.buckets.principal.out);
  const rates = loanPeriodRates(loan, first);
  const { fixedInstallment, rows } = recomputeTail(effect, balance, rates, loan.fixedInstallment, conventionsOf(loan.loanConfig).rounding);
  if (effect === 'reduce_installment') loan.fixedInstallment = fixedInstallment;
  rows.forEach((row, k) => {
    const index = first + k;
    const inst = d.own(loan, index);
    // Principal moves between installments (never forgiven); an installment left with nothing
    // to amortize is closed: its interest and fees are no longer owed.
    setOutstanding(d, loan, inst, 'principal', row.principal);
    const emptied = balance.isZero() || (effect === 'reduce_term' && row.principal.isZero() && row.interest.isZero());
    if (emptied) d.closeInstallment(loan, index, PREPAYMENT_STEP);
    else setOutstanding(d, loan, inst, 'interest', row.interest);
  });
}

/** Moves a scheduled bucket's initial so that it owes `target` (never below what was already paid, waived or closed). */
function setOutstanding(d: Draft, loan: Loan, inst: Installment, bucket: 'principal' | 'interest', target: Dec): void {
  const delta = target.minus(inst.buckets[bucket].out);
  const floor = inst.buckets[bucket].out.neg();
  const move = delta.lt(floor) ? floor : delta;
  if (!move.isZero()) d.charge(loan, inst, bucket, move, PREPAYMENT_STEP);
}

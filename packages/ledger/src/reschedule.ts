/**
 * The recomputed tail of a schedule after a prepayment (docs/ledger.md, "Prepayment"): the later
 * installments from the new balance B over the same due days, with their period rates.
 *
 * - `reduce_term` keeps the installment A: interest_i = rounded(B_{i−1}·r_i), principal_i =
 *   A − interest_i (never below 0, never above what is left); once B is spent the remaining
 *   installments schedule nothing (they are closed). The last installment takes what is left.
 * - `reduce_installment` keeps every due day and computes a new A over them, exactly as a new
 *   schedule from B would (schedule.ts).
 * Pure: no loan, no draft; the rates come from the caller.
 */
import { Dec, ZERO, round2 } from './decimal.js';

export type PrepaymentEffect = 'pay_ahead' | 'reduce_term' | 'reduce_installment';

export const PREPAYMENT_EFFECTS: readonly PrepaymentEffect[] = ['pay_ahead', 'reduce_term', 'reduce_installment'];

export interface TailRow {
  principal: Dec;
  interest: Dec;
}

export interface Tail {
  /** The installment the tail keeps (reduce_term) or the new one (reduce_installment). */
  fixedInstallment: Dec;
  rows: TailRow[];
}

/** The annuity that discounts to `balance` over the period rates: rounded(B / Σ_k Π_{i≤k} 1/(1+r_i)). */
export function annuity(balance: Dec, rates: readonly Dec[]): Dec {
  if (rates.length === 0) return ZERO;
  if (rates.every((r) => r.isZero())) return round2(balance.div(rates.length));
  let discount = new Dec(1);
  let factor = ZERO;
  for (const r of rates) {
    discount = discount.div(r.plus(1));
    factor = factor.plus(discount);
  }
  return round2(balance.div(factor));
}

/**
 * The rows of installments with period rates `rates` from balance `balance`, paying `installment`
 * each (the last one takes what is left).
 */
export function amortize(balance: Dec, rates: readonly Dec[], installment: Dec): TailRow[] {
  const rows: TailRow[] = [];
  let left = balance;
  rates.forEach((r, i) => {
    if (left.lte(0)) {
      rows.push({ principal: ZERO, interest: ZERO });
      return;
    }
    const interest = round2(left.times(r));
    let principal: Dec;
    if (i === rates.length - 1) principal = left;
    else {
      principal = installment.minus(interest);
      if (principal.isNegative()) principal = ZERO;
      if (principal.gt(left)) principal = left;
    }
    left = left.minus(principal);
    rows.push({ principal, interest });
  });
  return rows;
}

export function recomputeTail(effect: Exclude<PrepaymentEffect, 'pay_ahead'>, balance: Dec, rates: readonly Dec[], keptInstallment: Dec): Tail {
  const fixedInstallment = effect === 'reduce_term' ? keptInstallment : annuity(balance, rates);
  return { fixedInstallment, rows: amortize(balance, rates, fixedInstallment) };
}

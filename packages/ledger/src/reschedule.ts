/**
 * The recomputed tail of a schedule after a prepayment (docs/ledger.md, "Prepayment"): the later
 * installments from the new balance B over the same due days, with their period rates.
 *
 * - `reduce_term` keeps the installment A: interest_i = rounded(B_{i−1}·r_i), principal_i =
 *   A − interest_i (never below 0, never above what is left); once B is spent the remaining
 *   installments schedule nothing (they are closed). The last installment takes what is left.
 * - `reduce_installment` keeps every due day and computes a new A over them, exactly as a new
 *   schedule from B would (schedule.ts).
 * Pure: no loan, no draft; the rates and the rounding are the loan's (conventions.ts).
 */
import type { Rounding } from './conventions.js';
import type { Dec } from './decimal.js';
import { decliningInstallments, fixedInstallmentOf } from './schedule.js';

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

export function recomputeTail(effect: Exclude<PrepaymentEffect, 'pay_ahead'>, balance: Dec, rates: readonly Dec[], keptInstallment: Dec, rounding: Rounding): Tail {
  if (rates.length === 0) return { fixedInstallment: keptInstallment, rows: [] };
  const fixedInstallment = effect === 'reduce_term' ? keptInstallment : fixedInstallmentOf(balance, rates, rounding);
  return { fixedInstallment, rows: decliningInstallments(balance, rates, fixedInstallment, rounding) };
}

/**
 * The schedule of docs/ledger.md: equal installments on the declining balance, or flat interest,
 * under the loan's interest conventions (conventions.ts).
 *
 * Each period's rate comes from the period's year fraction: with the default conventions
 * r_i = (1+EA)^(d_i/365) − 1, so irregular periods (28 vs 31 days) cost what they last. The
 * fixed installment A is the annuity that discounts to P over those period rates.
 */
import type { DayNum } from './calendar.js';
import { DEFAULT_CONVENTIONS, compoundedRate, periodRates, roundMoney, type Conventions, type Rounding } from './conventions.js';
import { fraction } from './day-count.js';
import { Dec, ZERO } from './decimal.js';

export interface ScheduleInput {
  principal: Dec;
  annualRate: Dec;
  origination: DayNum;
  dueDays: readonly DayNum[];
  installmentFee: Dec | null;
  installmentFee2: Dec | null;
  /** The loan config's conventions; absent: the defaults. */
  conventions?: Conventions;
}

export interface ScheduledInstallment {
  due: DayNum;
  principal: Dec;
  interest: Dec;
  installmentFee: Dec;
  installmentFee2: Dec;
}

export interface Schedule {
  fixedInstallment: Dec;
  installments: ScheduledInstallment[];
}

/** (1+EA)^(days/365) − 1: the period rate of the default conventions (memoized). */
export function periodRate(annualRate: Dec, days: number): Dec {
  return compoundedRate(annualRate, fraction(days, 365));
}

/**
 * A total split as rounded(F/n) per installment, the last taking the remainder. When
 * rounding up leaves less than a share (0.03 over 5: 0.01 × 4 > 0.03), shares stop at what
 * is left instead of a negative last share: 0.01, 0.01, 0.01, 0, 0. The total is always F.
 */
export function splitEvenly(total: Dec | null, n: number, rounding: Rounding = 'half_up'): Dec[] {
  if (total === null || total.isZero() || n === 0) return new Array<Dec>(n).fill(ZERO);
  const each = roundMoney(total.div(n), rounding);
  const parts: Dec[] = [];
  let left = total;
  for (let i = 0; i < n; i++) {
    const share = i === n - 1 ? left : each.gt(left) ? left : each;
    parts.push(share);
    left = left.minus(share);
  }
  return parts;
}

/**
 * The installment A = rounded(P / Σ_k Π_{i≤k} 1/(1+r_i)) of equal installments over period
 * rates (rounded(P/n) when every rate is zero): the present value of one unit paid at each due day.
 */
export function fixedInstallmentOf(principal: Dec, rates: readonly Dec[], rounding: Rounding): Dec {
  if (rates.every((r) => r.isZero())) return roundMoney(principal.div(rates.length), rounding);
  let discount = new Dec(1);
  let annuityFactor = ZERO;
  for (const r of rates) {
    discount = discount.div(r.plus(1));
    annuityFactor = annuityFactor.plus(discount);
  }
  return roundMoney(principal.div(annuityFactor), rounding);
}

/** Equal installments on the declining balance: interest on what is left, the last takes the rest. */
export function decliningInstallments(principal: Dec, rates: readonly Dec[], fixedInstallment: Dec, rounding: Rounding): Array<{ principal: Dec; interest: Dec }> {
  const n = rates.length;
  let balance = principal;
  return rates.map((rate, i) => {
    const interest = roundMoney(balance.times(rate), rounding);
    let share: Dec;
    if (i === n - 1) {
      share = balance;
    } else {
      share = fixedInstallment.minus(interest);
      if (share.isNegative()) share = ZERO;
      // Never schedule more principal than is left (tiny loans with long first periods).
      if (share.gt(balance)) share = balance;
    }
    balance = balance.minus(share);
    return { principal: share, interest };
  });
}

/** Flat interest: rounded(P·r_i) on the original principal, principal rounded(P/n) with the last taking the rest. */
export function flatInstallments(principal: Dec, rates: readonly Dec[], rounding: Rounding): Array<{ principal: Dec; interest: Dec }> {
  const shares = splitEvenly(principal, rates.length, rounding);
  return rates.map((rate, i) => ({ principal: shares[i]!, interest: roundMoney(principal.times(rate), rounding) }));
}

export function buildSchedule(input: ScheduleInput): Schedule {
  const c = input.conventions ?? DEFAULT_CONVENTIONS;
  const n = input.dueDays.length;
  const rates = periodRates(input.annualRate, input.origination, input.dueDays, c);
  let rows: Array<{ principal: Dec; interest: Dec }>;
  let fixedInstallment: Dec;
  if (c.interestMethod === 'flat') {
    rows = flatInstallments(input.principal, rates, c.rounding);
    fixedInstallment = n === 0 ? ZERO : rows[0]!.principal.plus(rows[0]!.interest);
  } else {
    fixedInstallment = fixedInstallmentOf(input.principal, rates, c.rounding);
    rows = decliningInstallments(input.principal, rates, fixedInstallment, c.rounding);
  }
  const fees = splitEvenly(input.installmentFee, n, c.rounding);
  const fees2 = splitEvenly(input.installmentFee2, n, c.rounding);
  return {
    fixedInstallment,
    installments: input.dueDays.map((due, i) => ({ due, principal: rows[i]!.principal, interest: rows[i]!.interest, installmentFee: fees[i]!, installmentFee2: fees2[i]! })),
  };
}

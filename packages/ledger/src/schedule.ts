/**
 * The equal-installment, declining-balance schedule of docs/ledger.md.
 *
 * Each period's rate is the effective annual rate scaled to the period's actual day count,
 * r_i = (1+EA)^(d_i/365) − 1, so irregular periods (28 vs 31 days) cost what they last.
 * The fixed installment A is the annuity that discounts to P over those period rates.
 */
import type { DayNum } from './calendar.js';
import { Dec, ZERO, round2 } from './decimal.js';

export interface ScheduleInput {
  principal: Dec;
  annualRate: Dec;
  origination: DayNum;
  dueDays: readonly DayNum[];
  installmentFee: Dec | null;
  installmentFee2: Dec | null;
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

export function periodRate(annualRate: Dec, days: number): Dec {
  if (annualRate.isZero() || days === 0) return ZERO;
  return new Dec(1).plus(annualRate).pow(new Dec(days).div(365)).minus(1);
}

/**
 * A total split as rounded(F/n) per installment, the last taking the remainder. When
 * rounding up leaves less than a share (0.03 over 5: 0.01 × 4 > 0.03), shares stop at what
 * is left instead of a negative last share: 0.01, 0.01, 0.01, 0, 0. The total is always F.
 */
export function splitEvenly(total: Dec | null, n: number): Dec[] {
  if (total === null || total.isZero() || n === 0) return new Array<Dec>(n).fill(ZERO);
  const each = round2(total.div(n));
  const parts: Dec[] = [];
  let left = total;
  for (let i = 0; i < n; i++) {
    const share = i === n - 1 ? left : each.gt(left) ? left : each;
    parts.push(share);
    left = left.minus(share);
  }
  return parts;
}

export function buildSchedule(input: ScheduleInput): Schedule {
  const n = input.dueDays.length;
  // Periods of equal length have equal rates: a 30-year monthly loan has 360 periods but
  // four lengths, and each rate is a 40-digit power (the costly part of a schedule).
  const byLength = new Map<number, Dec>();
  const rates: Dec[] = [];
  let previous = input.origination;
  for (const due of input.dueDays) {
    const days = due - previous;
    let rate = byLength.get(days);
    if (rate === undefined) byLength.set(days, (rate = periodRate(input.annualRate, days)));
    rates.push(rate);
    previous = due;
  }

  let fixedInstallment: Dec;
  if (input.annualRate.isZero()) {
    fixedInstallment = round2(input.principal.div(n));
  } else {
    // Σ_k Π_{i≤k} 1/(1+r_i): the present value of one unit paid at each due day.
    let discount = new Dec(1);
    let annuityFactor = ZERO;
    for (const r of rates) {
      discount = discount.div(r.plus(1));
      annuityFactor = annuityFactor.plus(discount);
    }
    fixedInstallment = round2(input.principal.div(annuityFactor));
  }

  const fees = splitEvenly(input.installmentFee, n);
  const fees2 = splitEvenly(input.installmentFee2, n);
  const installments: ScheduledInstallment[] = [];
  let balance = input.principal;
  input.dueDays.forEach((due, i) => {
    const interest = round2(balance.times(rates[i]!));
    let principal: Dec;
    if (i === n - 1) {
      principal = balance;
    } else {
      principal = fixedInstallment.minus(interest);
      if (principal.isNegative()) principal = ZERO;
      // Never schedule more principal than is left (tiny loans with long first periods).
      if (principal.gt(balance)) principal = balance;
    }
    balance = balance.minus(principal);
    installments.push({ due, principal, interest, installmentFee: fees[i]!, installmentFee2: fees2[i]! });
  });
  return { fixedInstallment, installments };
}

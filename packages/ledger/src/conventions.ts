/**
 * The interest conventions a loan config chooses (docs/ledger.md, "Interest conventions"): how
 * the annual rate is read (`rate_type`), how days become a year fraction (`day_count`), how
 * interest is charged (`interest_method`) and how money is rounded (`rounding`). The defaults are
 * the ledger's original rules: an effective annual rate over actual days / 365, equal
 * installments on the declining balance, half up.
 *
 * Period rates are memoized: an effective rate's period rate is a 40-digit power, the costly
 * part of a schedule, and loans repeat the same (rate, period) pairs.
 */
import type { LoanConfig } from './configs.js';
import { DAY_COUNTS, dailyYearFractionGroups, dailyYearFractionSum, yearFraction, type DayCount, type Fraction } from './day-count.js';
import { Dec, ZERO, round2, toDec } from './decimal.js';
import type { DayNum } from './calendar.js';
import type { Loan } from './model.js';

export { DAY_COUNTS, type DayCount };
export const RATE_TYPES = ['effective_annual', 'nominal_annual'] as const;
export type RateType = (typeof RATE_TYPES)[number];
export const INTEREST_METHODS = ['declining_balance', 'flat'] as const;
export type InterestMethod = (typeof INTEREST_METHODS)[number];
export const ROUNDINGS = ['half_up', 'half_even'] as const;
export type Rounding = (typeof ROUNDINGS)[number];

export interface Conventions {
  rateType: RateType;
  dayCount: DayCount;
  interestMethod: InterestMethod;
  rounding: Rounding;
}

export const DEFAULT_CONVENTIONS: Conventions = {
  rateType: 'effective_annual',
  dayCount: 'actual/365',
  interestMethod: 'declining_balance',
  rounding: 'half_up',
};

function oneOf<T extends string>(values: readonly T[], value: unknown, fallback: T): T {
  return values.find((v) => v === value) ?? fallback;
}

/** The conventions of a loan config; a field it does not set takes its default. */
export function conventionsOf(config: LoanConfig | null | undefined): Conventions {
  if (config === null || config === undefined) return DEFAULT_CONVENTIONS;
  return {
    rateType: oneOf(RATE_TYPES, config.rate_type, 'effective_annual'),
    dayCount: oneOf(DAY_COUNTS, config.day_count, 'actual/365'),
    interestMethod: oneOf(INTEREST_METHODS, config.interest_method, 'declining_balance'),
    rounding: oneOf(ROUNDINGS, config.rounding, 'half_up'),
  };
}

/** "Rounded" to cents under a rounding: half up (the default) or half even (banker's). */
export function roundMoney(value: Dec, rounding: Rounding): Dec {
  if (rounding === 'half_up') return round2(value);
  return value.decimalPlaces() <= 2 ? value : value.toDecimalPlaces(2, Dec.ROUND_HALF_EVEN);
}

// --- period rates ----------------------------------------------------------------------

const POWERS = new Map<string, Dec>();
const POWER_LIMIT = 10_000;

/**
 * (1+EA)^(num/den) − 1, memoized by (rate, exponent): results are immutable decimals, so the
 * cached value is the very value a fresh computation gives. The cache is cleared when full.
 */
export function compoundedRate(annualRate: Dec, yf: Fraction): Dec {
  if (annualRate.isZero() || yf.num === 0) return ZERO;
  const key = `${annualRate.toString()}|${yf.num}/${yf.den}`;
  let rate = POWERS.get(key);
  if (rate === undefined) {
    rate = new Dec(1).plus(annualRate).pow(new Dec(yf.num).div(yf.den)).minus(1);
    if (POWERS.size >= POWER_LIMIT) POWERS.clear();
    POWERS.set(key, rate);
  }
  return rate;
}

/** rate · num/den: a nominal rate scaled to a year fraction (exact up to the 40-digit division). */
export function simpleRate(annualRate: Dec, yf: Fraction): Dec {
  if (annualRate.isZero() || yf.num === 0) return ZERO;
  return annualRate.times(yf.num).div(yf.den);
}

/** The rate of the period from day a to day b: (1+EA)^yf − 1, or rate · yf for a nominal rate. */
export function periodRateBetween(annualRate: Dec, a: DayNum, b: DayNum, c: Conventions): Dec {
  const yf = yearFraction(c.dayCount, a, b);
  return c.rateType === 'nominal_annual' ? simpleRate(annualRate, yf) : compoundedRate(annualRate, yf);
}

/** The period rates of due days after a start day (origination, or the day a schedule restarts). */
export function periodRates(annualRate: Dec, start: DayNum, dueDays: readonly DayNum[], c: Conventions): Dec[] {
  const rates: Dec[] = [];
  let previous = start;
  for (const due of dueDays) {
    rates.push(periodRateBetween(annualRate, previous, due, c));
    previous = due;
  }
  return rates;
}

/**
 * The delinquency interest of `principal` over the days first..last (each day t accruing for
 * yf(t−1, t)): nominal, p·R·Σyf, simple; effective, p·((1+R)^yf − 1) for each day.
 */
export function delinquencyOver(principal: Dec, annualRate: Dec, first: DayNum, last: DayNum, c: Conventions): Dec {
  if (annualRate.isZero() || last < first) return ZERO;
  if (c.rateType === 'nominal_annual') return principal.times(simpleRate(annualRate, dailyYearFractionSum(c.dayCount, first, last)));
  let total = ZERO;
  for (const { yf, days } of dailyYearFractionGroups(c.dayCount, first, last)) total = total.plus(principal.times(compoundedRate(annualRate, yf)).times(days));
  return total;
}

// --- a loan's own conventions (for anything that recomputes part of a schedule) ---------

/** "Rounded" for this loan: its config's rounding (docs/ledger.md, "Interest conventions"). */
export function roundByLoan(loan: Loan, amount: Dec): Dec {
  return roundMoney(amount, conventionsOf(loan.loanConfig).rounding);
}

/**
 * The period rates of the loan's installments from index `from` on (0: all of them): installment
 * i's period runs from the previous due day (the first: the day the schedule started, i.e. the
 * origination or the last restructuring) to its own, at the loan's applicable interest rate.
 */
export function loanPeriodRates(loan: Loan, from = 0): Dec[] {
  const start = loan.restructurings.length > 0 ? loan.restructurings[loan.restructurings.length - 1]!.day : loan.origination;
  const dues = loan.installments.map((inst) => inst.due);
  const rates = periodRates(toDec(loan.interestRate.applicable), start, dues, conventionsOf(loan.loanConfig));
  return rates.slice(from);
}

/**
 * The one Decimal flavour of the ledger. 40 significant digits keep daily delinquency
 * factors like (1.3848)^(1/365) − 1 exact far below a cent over decades of accrual;
 * ROUND_HALF_UP is the rounding of docs/ledger.md for every "rounded" amount.
 */
import { Decimal } from 'decimal.js';

export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = Decimal;

export const ZERO: Dec = new Dec(0);

/**
 * A JSON number becomes a Decimal through its shortest string form: that string is the
 * decimal the lender wrote (163333.34), never the nearest binary double's expansion.
 */
export function toDec(value: unknown): Dec {
  if (value === null || value === undefined || value === '') return ZERO;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return ZERO;
    return new Dec(String(value));
  }
  if (typeof value === 'string') {
    try {
      return new Dec(value);
    } catch {
      return ZERO;
    }
  }
  return ZERO;
}

/** Like toDec but keeps "absent" distinguishable. */
export function toDecOrNull(value: unknown): Dec | null {
  if (value === null || value === undefined) return null;
  return toDec(value);
}

/** Rounded to cents, half up (docs/ledger.md "rounded"). */
export function round2(value: Dec): Dec {
  return value.decimalPlaces() <= 2 ? value : value.toDecimalPlaces(2, Dec.ROUND_HALF_UP);
}

/**
 * The amount a result body shows: a JSON number with at most 2 decimals. The conversion
 * goes through the decimal string, so the number is the double nearest to the cents value.
 */
export function money(value: Dec): number {
  if (value.isZero()) return 0; // never -0 in a body
  return round2(value).toNumber();
}

/** a + b, skipping the allocation when one side is zero (status sums are mostly zeros). */
export function add(a: Dec, b: Dec): Dec {
  if (b.isZero()) return a;
  if (a.isZero()) return b;
  return a.plus(b);
}

export function minDec(a: Dec, b: Dec): Dec {
  return a.lte(b) ? a : b;
}

/**
 * Year fractions of the day-count conventions (docs/ledger.md, "Interest conventions"), as exact
 * ratios of integers: a fraction is only turned into a decimal when it multiplies a rate.
 *
 * - `actual/365`, `actual/360`, `actual/364`: the actual days over 365, 360 or 364;
 * - `actual/actual`: each day t with a < t ≤ b counts 1/(length of t's year), so
 *   2023-12-12 → 2024-01-12 is 19/365 + 12/366;
 * - `30/360` (US bond basis): (360·(Y2−Y1) + 30·(M2−M1) + (d2−d1))/360 with d1 = min(d1, 30)
 *   and d2 = 30 when d2 = 31 and d1 ≥ 30.
 */
import type { DayNum } from './calendar.js';

export const DAY_COUNTS = ['actual/actual', 'actual/365', 'actual/360', 'actual/364', '30/360'] as const;
export type DayCount = (typeof DAY_COUNTS)[number];

/** num/den with den > 0, in lowest terms. */
export interface Fraction {
  num: number;
  den: number;
}

function gcd(a: number, b: number): number {
  let x = Math.abs(a);
  let y = Math.abs(b);
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

export function fraction(num: number, den: number): Fraction {
  if (num === 0) return { num: 0, den: 1 };
  const g = gcd(num, den);
  return { num: num / g, den: den / g };
}

export function addFractions(a: Fraction, b: Fraction): Fraction {
  const g = gcd(a.den, b.den);
  return fraction(a.num * (b.den / g) + b.num * (a.den / g), (a.den / g) * b.den);
}

/** Year, month (1–12) and day of month of a day number (H. Hinnant's civil_from_days). */
export function civil(n: DayNum): { y: number; m: number; d: number } {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Day number of the first day of month m of year y. */
function firstOfMonth(y: number, m: number): DayNum {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5);
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The 30/360 day number of a date with its day of month already adjusted. */
function days30(y: number, m: number, d: number): number {
  return 360 * y + 30 * m + d;
}

/** The year fraction from day a to day b (a ≤ b) under a day count. */
export function yearFraction(dayCount: DayCount, a: DayNum, b: DayNum): Fraction {
  const days = b - a;
  switch (dayCount) {
    case 'actual/365': return fraction(days, 365);
    case 'actual/360': return fraction(days, 360);
    case 'actual/364': return fraction(days, 364);
    case 'actual/actual': {
      let total: Fraction = { num: 0, den: 1 };
      let from = a; // days t with from < t ≤ b, cut at each January 1
      while (from < b) {
        const { y } = civil(from + 1);
        const yearEnd = firstOfMonth(y + 1, 1) - 1; // December 31 of t's year
        const to = Math.min(b, yearEnd);
        total = addFractions(total, fraction(to - from, isLeap(y) ? 366 : 365));
        from = to;
      }
      return total;
    }
    case '30/360': {
      const p = civil(a);
      const q = civil(b);
      const d1 = Math.min(p.d, 30);
      const d2 = q.d === 31 && d1 >= 30 ? 30 : q.d;
      return fraction(days30(q.y, q.m, d2) - days30(p.y, p.m, d1), 360);
    }
  }
}

/**
 * Σ yf(t−1, t) over the days t with first ≤ t ≤ last: the year fraction of a run of days that
 * accrue one by one (delinquency interest). For the actual day counts it is yf(first−1, last);
 * under 30/360 each day counts 30/360-days (the 31st counts 0, March 1 counts 3 after February
 * 28), which telescopes to g(last) − g(first−1) with g = 360·Y + 30·M + min(d, 30).
 */
export function dailyYearFractionSum(dayCount: DayCount, first: DayNum, last: DayNum): Fraction {
  if (last < first) return { num: 0, den: 1 };
  if (dayCount !== '30/360') return yearFraction(dayCount, first - 1, last);
  const g = (n: DayNum): number => {
    const c = civil(n);
    return days30(c.y, c.m, Math.min(c.d, 30));
  };
  return fraction(g(last) - g(first - 1), 360);
}

/**
 * The days first..last grouped by their one-day year fraction yf(t−1, t): what an effective
 * rate compounds per day, (1+R)^yf − 1. One group for the fixed-denominator day counts; one per
 * year length under actual/actual; under 30/360 the days counting 0, 1, 2 or 3 thirty-sixtieths.
 */
export function dailyYearFractionGroups(dayCount: DayCount, first: DayNum, last: DayNum): Array<{ yf: Fraction; days: number }> {
  if (last < first) return [];
  const counts = new Map<string, { yf: Fraction; days: number }>();
  const add = (yf: Fraction, days: number): void => {
    if (days === 0) return;
    const key = `${yf.num}/${yf.den}`;
    const known = counts.get(key);
    if (known === undefined) counts.set(key, { yf, days });
    else known.days += days;
  };
  switch (dayCount) {
    case 'actual/365': case 'actual/360': case 'actual/364':
      add(yearFraction(dayCount, 0, 1), last - first + 1);
      break;
    case 'actual/actual': {
      let from = first - 1;
      while (from < last) {
        const { y } = civil(from + 1);
        const to = Math.min(last, firstOfMonth(y + 1, 1) - 1);
        add(fraction(1, isLeap(y) ? 366 : 365), to - from);
        from = to;
      }
      break;
    }
    case '30/360': {
      // Month by month: the 1st counts 30 + 1 − min(length of the month before, 30) days, the
      // 31st counts 0, every other day 1.
      let t = first;
      while (t <= last) {
        const { y, m, d } = civil(t);
        const monthEnd = firstOfMonth(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1) - 1;
        const end = Math.min(last, monthEnd);
        const lastDay = d + (end - t);
        if (d === 1) add(dailyYearFractionSum('30/360', t, t), 1);
        add(fraction(1, 360), Math.min(lastDay, 30) - Math.max(d, 2) + 1 > 0 ? Math.min(lastDay, 30) - Math.max(d, 2) + 1 : 0);
        t = end + 1;
      }
      break;
    }
  }
  return [...counts.values()];
}

/**
 * Calendar days in the lender's time zone. Internally a day is an integer (days since
 * 1970-01-01 of the *local* calendar date), so comparisons and spans are plain integer
 * arithmetic; outside it is `YYYY-MM-DD`. Only Intl knows about zones; no clock is read.
 */
import type { Day } from './api.js';

export type DayNum = number;

const MS_PER_DAY = 86_400_000;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|z|[+-]\d{2}:?\d{2})?$/;

const dayFormatters = new Map<string, Intl.DateTimeFormat>();
const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  let fmt = dayFormatters.get(timeZone);
  if (fmt === undefined) {
    fmt = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, fmt);
  }
  return fmt;
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil): plain
 * integer arithmetic, right for every year. `Date.UTC` maps years 0–99 to 1900–1999.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Epoch milliseconds of an ISO instant; sub-millisecond digits never change a day. */
function instantMs(instant: string): number | null {
  const m = DATE_TIME.exec(instant.trim());
  if (m === null) return null;
  const [, y, mo, d, h, mi, s = '0', frac = '', zone] = m;
  const ms = daysFromCivil(Number(y), Number(mo), Number(d)) * MS_PER_DAY
    + ((Number(h) * 60 + Number(mi)) * 60 + Number(s)) * 1000 + Number((frac + '000').slice(0, 3));
  if (zone === undefined) return null; // a local time without zone: handled by the caller
  if (zone === 'Z' || zone === 'z') return ms;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offsetMin = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4));
  return ms - sign * offsetMin * 60_000;
}

/**
 * The lender's calendar day of an instant. A bare `YYYY-MM-DD` is already a day; a
 * date-time without offset is read as local wall time (its own date).
 */
export function toDay(instant: string, timeZone: string): Day {
  const s = instant.trim();
  if (DATE_ONLY.test(s)) return s;
  const ms = instantMs(s);
  if (ms === null) {
    const m = DATE_TIME.exec(s);
    if (m !== null) return `${m[1]}-${m[2]}-${m[3]}`;
    throw new RangeError(`Not a date-time: ${instant}`);
  }
  // Formatted by parts: Intl writes years below 1000 with fewer than four digits.
  const parts = dayFormatter(timeZone).formatToParts(new Date(ms));
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

export function dayToNum(day: Day): DayNum {
  const m = DATE_ONLY.exec(day);
  if (m === null) throw new RangeError(`Not a day: ${day}`);
  return daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
}

// Pure memo tables (a day's name and its end-of-day string never change): status reads
// format every due date of every loan, and Intl formatting dominates otherwise.
const dayNames = new Map<DayNum, Day>();
const endOfDays = new Map<string, string>();
const MEMO_LIMIT = 100_000;

export function numToDay(n: DayNum): Day {
  let name = dayNames.get(n);
  if (name === undefined) {
    name = new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
    if (dayNames.size > MEMO_LIMIT) dayNames.clear();
    dayNames.set(n, name);
  }
  return name;
}

export function instantToDayNum(instant: string, timeZone: string): DayNum {
  return dayToNum(toDay(instant, timeZone));
}

function offsetFormatter(timeZone: string): Intl.DateTimeFormat {
  let fmt = offsetFormatters.get(timeZone);
  if (fmt === undefined) {
    fmt = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormatters.set(timeZone, fmt);
  }
  return fmt;
}

/** Offset of the zone at an instant in minutes east of UTC (Bogotá: −300). */
function offsetMinutesAt(ms: number, timeZone: string): number {
  const part = offsetFormatter(timeZone).formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(part);
  if (m === null) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? '0'));
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * The last instant of a local day, as the API echoes due dates (docs/ledger.md):
 * `2024-02-15T23:59:59.999999-05:00`. The offset is the one in force at that instant
 * (it differs from the day's start on a DST day), found by two fixed-point steps.
 */
export function endOfDay(day: DayNum | Day, timeZone: string): string {
  const n = typeof day === 'number' ? day : dayToNum(day);
  const key = `${timeZone}|${n}`;
  const known = endOfDays.get(key);
  if (known !== undefined) return known;
  const value = computeEndOfDay(n, timeZone);
  if (endOfDays.size > MEMO_LIMIT) endOfDays.clear();
  endOfDays.set(key, value);
  return value;
}

function computeEndOfDay(n: DayNum, timeZone: string): string {
  const wall = n * MS_PER_DAY + MS_PER_DAY - 1000;
  const first = offsetMinutesAt(wall, timeZone);
  const offset = offsetMinutesAt(wall - first * 60_000, timeZone);
  return `${numToDay(n)}T23:59:59.999999${formatOffset(offset)}`;
}

/**
 * Due dates as the lender sent them. The seed's own example packs two date-times in one
 * string separated by a comma, so each item is split on commas before parsing.
 */
export function parseDueDates(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  const out: string[] = [];
  for (const item of raw) {
    if (typeof item !== 'string') continue;
    for (const part of item.split(',')) {
      const t = part.trim();
      if (t !== '') out.push(t);
    }
  }
  return out;
}

/**
 * Instants in request bodies are RFC 3339 date-times with an offset and any number of
 * fractional digits (`2020-02-01T23:59:59.999999-05:00`). `Date` keeps milliseconds only,
 * so ordering is done on exact nanoseconds.
 */

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|([+-])(\d{2}):(\d{2}))$/;

/** Nanoseconds since the epoch; `null` when the string is not such a date-time. */
export function instantNanos(value: string): bigint | null {
  const m = DATE_TIME.exec(value);
  if (m === null) return null;
  const [, y, mo, d, h, mi, s, frac = '', zone, sign, oh, om] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const offsetMinutes = zone === 'Z' ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
  const nanosOfSecond = BigInt((frac + '000000000').slice(0, 9));
  return (BigInt(ms) - BigInt(offsetMinutes) * 60_000n) * 1_000_000n + nanosOfSecond;
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (`YYYY-MM-DD`) of an instant in an IANA time zone. */
export function dayInZone(value: string, timeZone: string): string | null {
  const nanos = instantNanos(value);
  if (nanos === null) return null;
  let fmt = dayFormatters.get(timeZone);
  if (fmt === undefined) {
    fmt = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, fmt);
  }
  // Floor to the millisecond: sub-millisecond digits never change the day.
  return fmt.format(new Date(Number(nanos / 1_000_000n)));
}

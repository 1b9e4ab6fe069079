import { AppError } from '@lsl/contracts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Reads reach back to 1900: earlier dates mean nothing to a loan ledger (and two-digit years are ambiguous to Date.UTC). */
export const FIRST_DAY = '1900-01-01';

export function isRealDay(day: string): boolean {
  if (!DAY.test(day) || day < FIRST_DAY) return false;
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}

/** A day parameter (`query.calculation_date`, `body.calculation_date`, ...): 400 naming it when malformed. */
export function dayOf(raw: unknown, field: string): string {
  if (typeof raw === 'string' && isRealDay(raw)) return raw;
  const name = field.replace(/^(query|body)\./, '');
  throw new AppError('validation_failed', `${name} must be a date YYYY-MM-DD`, {
    fields: { [field]: `Must be a calendar date YYYY-MM-DD, from ${FIRST_DAY}` },
  });
}

/** An optional string query parameter of at most `max` characters (given twice: 400). */
export function optionalString(raw: unknown, field: string, max = 128): string | null {
  if (raw === undefined) return null;
  if (typeof raw === 'string' && raw.length <= max) return raw;
  throw new AppError('validation_failed', `Invalid ${field}`, { fields: { [field]: `Must be one string of at most ${max} characters` } });
}

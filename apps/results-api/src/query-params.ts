import { AppError, FIRST_READ_DAY, isCalendarDay } from '@lsl/contracts';

/** Reads reach back to 1900 (`FIRST_READ_DAY` of @lsl/contracts). */
export const FIRST_DAY = FIRST_READ_DAY;

/** A day parameter (`query.calculation_date`, `body.calculation_date`, ...): 400 naming it when malformed. */
export function dayOf(raw: unknown, field: string): string {
  if (typeof raw === 'string' && isCalendarDay(raw)) return raw;
  const name = field.replace(/^(query|body)\./, '');
  throw new AppError('validation_failed', `${name} must be a date YYYY-MM-DD`, {
    fields: { [field]: `Must be a calendar date YYYY-MM-DD, from ${FIRST_READ_DAY}` },
  });
}

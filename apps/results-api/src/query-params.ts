import { AppError, FIRST_READ_DAY, isCalendarDay } from '@lsl/contracts';

/**
 * A day parameter (`query.calculation_date`, `body.calculation_date`, ...) from `FIRST_READ_DAY`
 * (1900) on: 400 naming it when malformed.
 */
export function dayOf(raw: unknown, field: string): string {
  if (typeof raw === 'string' && isCalendarDay(raw)) return raw;
  const name = field.replace(/^(query|body)\./, '');
  throw new AppError('validation_failed', `${name} must be a date YYYY-MM-DD`, {
    fields: { [field]: `Must be a calendar date YYYY-MM-DD, from ${FIRST_READ_DAY}` },
  });
}

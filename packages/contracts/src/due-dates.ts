import { dayInZone, instantNanos } from './dates.js';

export interface DueDateIssue {
  /** Index in `due_dates`. */
  index: number;
  message: string;
}

/**
 * Due dates must be strictly increasing and after the loan's start (`origination_date` or a
 * consolidation's `effective_date`) when given. Without a time zone they are compared as
 * instants; with one (the ledger's), as calendar days there, which is what the schedule uses:
 * two due dates on one local day, or a first due date on the origination day, are refused.
 */
export function dueDateIssues(
  dueDates: ReadonlyArray<string>,
  start: { field: string; value: string } | undefined,
  timeZone?: string,
): DueDateIssue[] {
  const key = (value: string): string | bigint | null =>
    timeZone === undefined ? instantNanos(value) : dayInZone(value, timeZone);
  const unit = timeZone === undefined ? '' : ` (as a calendar day in ${timeZone})`;
  const issues: DueDateIssue[] = [];
  const startKey = start === undefined ? null : key(start.value);
  let previous: string | bigint | null = null;
  dueDates.forEach((value, index) => {
    const k = key(value);
    if (k === null) return; // the format check reports it
    if (index === 0 && start !== undefined && startKey !== null && !(k > startKey)) {
      issues.push({ index, message: `Must be after ${start.field} ${start.value}${unit}` });
    }
    if (previous !== null && !(k > previous)) {
      issues.push({ index, message: `Due dates must be strictly increasing: must be after due_dates[${index - 1}]${unit}` });
    }
    previous = k;
  });
  return issues;
}

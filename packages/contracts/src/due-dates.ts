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

/** The due dates of a body and the day they must follow (a loan's start), when given. */
export interface DueDateTerms {
  dueDates: ReadonlyArray<string>;
  start: { field: string; value: string } | undefined;
}

/**
 * The due-date rule as a zod refinement of the object holding `due_dates` (instants), for the
 * body schemas; at intake, the operation's `dueDatesOf` checks them again as calendar days in
 * the lender's time zone (`dueDateIssues` with a time zone).
 */
export function refineDueDates<T>(termsOf: (value: T) => DueDateTerms) {
  return (value: T, ctx: { addIssue(issue: { code: 'custom'; path: Array<string | number>; message: string; input: unknown }): void }): void => {
    const terms = termsOf(value);
    for (const issue of dueDateIssues(terms.dueDates, terms.start)) {
      ctx.addIssue({ code: 'custom', path: ['due_dates', issue.index], message: issue.message, input: terms.dueDates[issue.index] });
    }
  };
}

/** Due dates after the `effective_date` of the same object (a consolidation, a restructuring). */
export function startingOnEffectiveDate(terms: { due_dates: string[]; effective_date: string }): DueDateTerms {
  return { dueDates: terms.due_dates, start: { field: 'effective_date', value: terms.effective_date } };
}

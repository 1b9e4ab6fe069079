/**
 * The `summary` of a status (docs/ledger.md "Status"): per loan and for the borrower. The full
 * payment amount is the payoff quote (docs/ledger.md, "Payoff"). Closed and charged-off loans
 * owe nothing due; what charge-offs wrote off (and recoveries have not
 * paid back) is reported apart as `charged_off_amount`.
 */
import type { Day } from './api.js';
import { numToDay, type DayNum } from './calendar.js';
import { chargedOffOf, installmentOutstanding } from './buckets.js';
import { ZERO, money, type Dec } from './decimal.js';
import type { Loan } from './model.js';
import { payoffQuote } from './payoff-quote.js';

export interface Summary {
  days_past_due: number;
  immediate_payment_amount: number;
  next_payment_amount: number;
  next_payment_date: Day | null;
  full_payment_amount: number;
  /** Written off by charge-offs and not yet recovered; not part of the amounts due. */
  charged_off_amount: number;
}

/** Sums for the summary, over open loans. */
export interface SummaryParts {
  dpd: number;
  overdue: Dec;
  total: Dec;
  nextDate: DayNum | null;
  nextAmount: Dec;
  chargedOff: Dec;
}

export function loanSummaryParts(loan: Loan, day: DayNum): SummaryParts {
  const parts: SummaryParts = { dpd: 0, overdue: ZERO, total: ZERO, nextDate: null, nextAmount: ZERO, chargedOff: chargedOffOf(loan) };
  // Closed and charged-off loans owe nothing due (a charged-off loan's amounts are in chargedOff).
  if (loan.closed !== null || loan.chargedOff !== null) return parts;
  // What settles the loan today: its payoff quote, not the future interest and fees it would owe if kept.
  parts.total = payoffQuote(loan, day).total;
  for (const inst of loan.installments) {
    const owed = installmentOutstanding(inst);
    if (owed.lte(0)) continue;
    if (inst.due < day) {
      parts.overdue = parts.overdue.plus(owed);
      parts.dpd = Math.max(parts.dpd, day - inst.due);
    } else if (parts.nextDate === null) {
      parts.nextDate = inst.due;
      parts.nextAmount = owed;
    }
  }
  return parts;
}

export function toSummary(all: SummaryParts[]): Summary {
  let dpd = 0;
  let overdue = ZERO;
  let total = ZERO;
  let nextDate: DayNum | null = null;
  let chargedOff = ZERO;
  for (const p of all) {
    chargedOff = chargedOff.plus(p.chargedOff);
    dpd = Math.max(dpd, p.dpd);
    overdue = overdue.plus(p.overdue);
    total = total.plus(p.total);
    if (p.nextDate !== null && (nextDate === null || p.nextDate < nextDate)) nextDate = p.nextDate;
  }
  // Next payment: what falls due on the next due date, over every loan due that day.
  let nextAmount = ZERO;
  for (const p of all) if (p.nextDate !== null && p.nextDate === nextDate) nextAmount = nextAmount.plus(p.nextAmount);
  return {
    days_past_due: dpd,
    immediate_payment_amount: money(overdue),
    next_payment_amount: money(nextAmount),
    next_payment_date: nextDate === null ? null : numToDay(nextDate),
    full_payment_amount: money(total),
    charged_off_amount: money(chargedOff),
  };
}

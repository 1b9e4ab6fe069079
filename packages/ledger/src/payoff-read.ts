/**
 * The payoff quote as the results API serves it (docs/reads.md, "Payoff quote"): the loan as of
 * day C (never influenced by operations effective after C), quoted by payoff-quote.ts.
 */
import type { BucketType, Day, ErrorBody, LedgerOptions } from './api.js';
import { dayToNum } from './calendar.js';
import { money } from './decimal.js';
import { BUCKETS, perBucket } from './model.js';
import { payoffQuote, payoffRefusal, type PayoffQuote } from './payoff-quote.js';
import { coreAt } from './replay.js';
import type { BorrowerState } from './state.js';

export interface PayoffQuoteBody {
  borrower_id: string;
  loan_id: string;
  date: Day;
  payoff_amount: number;
  breakdown: Record<BucketType, number>;
}

export type PayoffQuoteResult = { ok: true; body: PayoffQuoteBody } | { ok: false; statusCode: 404 | 409; body: ErrorBody };

/** The quote's per-bucket amounts as a result body shows them. */
export function breakdownBody(quote: PayoffQuote): Record<BucketType, number> {
  return perBucket((b) => money(quote.breakdown[b]));
}

export function payoffQuoteAt(state: BorrowerState, loanId: string, day: Day, options: LedgerOptions): PayoffQuoteResult {
  const n = dayToNum(day);
  const core = coreAt(state, n, options);
  const loan = Object.prototype.hasOwnProperty.call(core.loans, loanId) ? core.loans[loanId] : undefined;
  const refused = payoffRefusal(loan, { borrower_id: state.borrowerId, loan_id: loanId, date: day });
  if (refused !== null) return { ok: false, statusCode: refused.statusCode === 404 ? 404 : 409, body: refused.body };
  const quote = payoffQuote(loan!, n);
  return { ok: true, body: { borrower_id: state.borrowerId, loan_id: loanId, date: day, payoff_amount: money(quote.total), breakdown: breakdownBody(quote) } };
}

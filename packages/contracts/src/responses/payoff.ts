import { z } from 'zod';
import { errorBodySchema } from './error-body.js';
import { daySchema } from '../primitives.js';

/** `GET /v1/borrowers/{borrower_id}/loans/{loan_id}/payoff` (docs/reads.md "Payoff quote"). */
export const getPayoffQuerySchema = z.object({
  date: daySchema
    .optional()
    .meta({ description: "The day the loan would be settled. Default: today in the ledger's time zone. A calendar date YYYY-MM-DD, years 1900–2200" }),
});

const amount = (description: string) => z.number().meta({ description });

export const payoffBreakdownSchema = z
  .object({
    principal: amount('All outstanding principal, overdue or not'),
    interest: amount("Overdue interest, and the accrued part of the current installment's"),
    installment_fee: amount("Overdue installment fees, and the accrued part of the current installment's"),
    installment_fee_2: amount("Overdue second installment fees, and the accrued part of the current installment's"),
    delinquency_interest: amount('Accrued delinquency interest'),
    daily_fee: amount('Accrued daily fee'),
    late_fee: amount('Late fees charged'),
  })
  .meta({ id: 'PayoffBreakdown' });

export const payoffQuoteSchema = z
  .object({
    borrower_id: z.string(),
    loan_id: z.string(),
    date: z.string().meta({ format: 'date' }),
    payoff_amount: amount('What settles the loan on `date`: the sum of the breakdown'),
    breakdown: payoffBreakdownSchema,
  })
  .meta({ id: 'PayoffQuote' });

export type PayoffQuote = z.output<typeof payoffQuoteSchema>;

/** The worked example of docs/ledger.md "Payoff": quoted on 2024-03-01, nothing paid. */
export const payoffQuoteExample: PayoffQuote = {
  borrower_id: 'B1',
  loan_id: 'L1',
  date: '2024-03-01',
  payoff_amount: 1264882.23,
  breakdown: { principal: 1200000, interest: 47386.35, installment_fee: 15172.41, installment_fee_2: 0, delinquency_interest: 2323.47, daily_fee: 0, late_fee: 0 },
};

/** The 409 of a loan that cannot be paid off (cancelled, consolidated, charged off, paid off). */
export const payoffConflictExample = {
  code: 40920,
  context: { borrower_id: 'B1', loan_id: 'L1', date: '2024-03-01' },
  error: 'The loan is paid off',
  status: 'Conflict',
};

export const payoffConflictResponse = {
  description: 'Conflict: the loan is cancelled (40902), consolidated (40903), charged off (40909) or paid off (40920)',
  content: { 'application/json': { schema: errorBodySchema, example: payoffConflictExample } },
};

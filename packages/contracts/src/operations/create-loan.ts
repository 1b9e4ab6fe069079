import { z } from 'zod';
import { dueDateIssues } from '../due-dates.js';
import {
  amountSchema,
  configIdSchema,
  dateTimeSchema,
  dueDatesSchema,
  nameSchema,
  occurredOnSchema,
  rateSchema,
  requestIdSchema,
} from '../primitives.js';

/**
 * The create-loan seed's `loan` object. Additional properties are allowed (seed) and kept.
 * Decisions where the seed is silent: `amount_financed`, `interest_rate` and
 * `delinquency_interest_rate` are required (no schedule without them); `due_dates` is typed
 * `array | null` by the seed but also Required with at least 1 element, so null is refused;
 * `origination_date` is optional (the ledger then uses the recorded time).
 */
export const loanSchema = z
  .looseObject({
    amount_financed: amountSchema,
    config_id: configIdSchema,
    daily_fee_charge: amountSchema.nullable().optional(),
    delinquency_interest_rate: rateSchema,
    due_dates: dueDatesSchema,
    guarantee_provider: nameSchema.nullable().optional(),
    installment_fee_2_charge: amountSchema.nullable().optional(),
    installment_fee_charge: amountSchema.nullable().optional(),
    interest_rate: rateSchema,
    origination_date: dateTimeSchema.optional(),
    owner: nameSchema.nullable().optional(),
  })
  .superRefine((loan, ctx) => {
    const start = loan.origination_date === undefined ? undefined : { field: 'origination_date', value: loan.origination_date };
    for (const issue of dueDateIssues(loan.due_dates, start)) {
      ctx.addIssue({ code: 'custom', path: ['due_dates', issue.index], message: issue.message, input: loan.due_dates[issue.index] });
    }
  })
  .meta({ id: 'Loan' });

export const createLoanBodySchema = z
  .object({
    loan: loanSchema,
    occurred_on: occurredOnSchema,
    request_id: requestIdSchema,
  })
  .meta({ id: 'CreateLoanRequest' });

export type CreateLoanBody = z.output<typeof createLoanBodySchema>;

import { z } from 'zod';
import { refineDueDates, startingOnEffectiveDate } from '../due-dates.js';
import {
  amountSchema,
  configIdSchema,
  dateTimeSchema,
  dueDatesSchema,
  expected,
  idSchema,
  nameSchema,
  occurredOnSchema,
  rateSchema,
  requestIdSchema,
} from '../primitives.js';

/**
 * The consolidation seed's `loan_consolidation`. Additional properties are allowed and kept.
 * Decisions where the seed is silent: `consolidation_config` and `loan_config` may be null or
 * absent (the `DEFAULT` config); rates, `due_dates`, `effective_date` and `original_loans`
 * are required; `original_loans` (typed `array | null`) needs at least one loan, no repeats.
 */
export const loanConsolidationSchema = z
  .looseObject({
    consolidation_config: configIdSchema.nullable().optional(),
    daily_fee_charge: amountSchema.nullable().optional(),
    delinquency_interest_rate: rateSchema,
    due_dates: dueDatesSchema,
    effective_date: dateTimeSchema,
    interest_rate: rateSchema,
    loan_config: configIdSchema.nullable().optional(),
    original_loans: z
      .array(idSchema, { error: expected('an array of loan ids') })
      .min(1, { error: 'Must name at least 1 loan' }),
    owner: nameSchema.nullable().optional(),
  })
  .superRefine((c, ctx) => {
    const seen = new Map<string, number>();
    c.original_loans.forEach((loanId, index) => {
      const first = seen.get(loanId);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['original_loans', index], message: `Duplicate of original_loans[${first}] (${loanId})`, input: loanId });
      } else seen.set(loanId, index);
    });
    refineDueDates(startingOnEffectiveDate)(c, ctx);
  })
  .meta({ id: 'LoanConsolidation' });

export const createConsolidationBodySchema = z
  .object({
    loan_consolidation: loanConsolidationSchema,
    occurred_on: occurredOnSchema,
    request_id: requestIdSchema,
  })
  .meta({ id: 'CreateLoanConsolidationRequest' });

export type CreateConsolidationBody = z.output<typeof createConsolidationBodySchema>;

import { z } from 'zod';
import { refineDueDates, startingOnEffectiveDate } from '../due-dates.js';
import { amountSchema, configIdSchema, dateTimeSchema, dueDatesSchema, occurredOnSchema, rateSchema, requestIdSchema } from '../primitives.js';

/**
 * docs/ledger.md "Restructuring". Omitted: `interest_rate` is the loan's applicable rate,
 * `delinquency_interest_rate` and `daily_fee_charge` the loan's, `installment_fee_charge`
 * none, `config_id` the `DEFAULT` restructuring config. Due dates must all be after
 * `effective_date` (400).
 */
export const loanRestructuringSchema = z
  .looseObject({
    config_id: configIdSchema.nullable().optional(),
    daily_fee_charge: amountSchema.nullable().optional(),
    delinquency_interest_rate: rateSchema.optional(),
    due_dates: dueDatesSchema,
    effective_date: dateTimeSchema,
    installment_fee_charge: amountSchema.nullable().optional(),
    interest_rate: rateSchema.optional(),
  })
  .superRefine(refineDueDates(startingOnEffectiveDate))
  .meta({ id: 'LoanRestructuring' });

export const createRestructuringBodySchema = z
  .object({
    loan_restructuring: loanRestructuringSchema,
    occurred_on: occurredOnSchema,
    request_id: requestIdSchema,
  })
  .meta({ id: 'CreateLoanRestructuringRequest' });

export type CreateRestructuringBody = z.output<typeof createRestructuringBodySchema>;

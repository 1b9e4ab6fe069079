import { z } from 'zod';
import { refineDueDates, type DueDateTerms } from '../due-dates.js';
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
/** A loan's due dates follow its origination day, when given. */
export function loanDueDates(loan: { due_dates: string[]; origination_date?: string | undefined }): DueDateTerms {
  return { dueDates: loan.due_dates, start: loan.origination_date === undefined ? undefined : { field: 'origination_date', value: loan.origination_date } };
}

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
  .superRefine(refineDueDates(loanDueDates))
  .meta({ id: 'Loan' });

export const createLoanBodySchema = z
  .object({
    loan: loanSchema,
    occurred_on: occurredOnSchema,
    request_id: requestIdSchema,
  })
  .meta({ id: 'CreateLoanRequest' });

export type CreateLoanBody = z.output<typeof createLoanBodySchema>;

import { z } from 'zod';
import { loanSchema } from '../operations/create-loan.js';
import { requestIdSchema } from '../primitives.js';

/** At most this many loans per simulate request: each is answered synchronously. */
export const MAX_SIMULATED_LOANS = 100;

/** One item of `POST /v1/borrowers/loans/simulate`: a create-loan `loan` object to quote. */
export const simulateLoanItemSchema = z
  .object({ loan: loanSchema, request_id: requestIdSchema })
  .meta({ id: 'SimulateLoanItem' });

/** The request as a whole: an array (each item is validated alone, and fails alone). */
export const simulateLoansBodySchema = z
  .array(z.unknown(), { error: 'Must be an array of {loan, request_id}' })
  .min(1, { error: 'Must have at least 1 item' })
  .max(MAX_SIMULATED_LOANS, { error: `Must have at most ${MAX_SIMULATED_LOANS} items` });

// Items are validated one by one: an item that is not a valid loan is answered in `failed`
// with its 400, and the others are still quoted. The document says so with a second shape.
const invalidItemDocSchema = z.looseObject({ request_id: z.string().nullable().optional() }).meta({ description: 'Any other item: it fails alone, in `failed`, with the 400 naming its fields' });
export const simulateLoansDocSchema = z.array(z.union([simulateLoanItemSchema, invalidItemDocSchema])).min(1).max(MAX_SIMULATED_LOANS).meta({ id: 'SimulateLoansRequest' });

export const amortizationRowSchema = z
  .looseObject({
    number: z.number().int(),
    start_date: z.string().meta({ format: 'date', description: 'Start of the period: the origination day, then the previous due day' }),
    end_date: z.string().meta({ format: 'date', description: 'The due day' }),
    principal_payment: z.number(),
    interest_payment: z.number(),
    installment_fee_payment: z.number(),
    installment_fee_2_payment: z.number(),
    daily_fee_payment: z.number().meta({ description: 'The daily fee of the period\'s days (capped by the loan config\'s daily_fee_max_charge)' }),
    total_payment: z.number(),
  })
  .meta({ id: 'AmortizationRow' });

export const simulatedLoanSchema = z
  .looseObject({
    request_id: z.string().nullable(),
    amortization_plan: z.array(amortizationRowSchema),
    attributes: z.looseObject({
      amount_financed: z.number(),
      due_dates: z.array(z.string()),
      interest_rate: z.number().meta({ description: 'The rate the schedule is built at (after the usury cap)' }),
      interest_rates: z.looseObject({ fixed: z.looseObject({}), applicable: z.looseObject({}) }),
      origination_date: z.string(),
    }),
    summary: z.looseObject({
      fixed_installment_amount: z.number(),
      installment_amount_at_origination: z.number(),
      total: z.number(),
      total_interest: z.number(),
      total_installment_fee: z.number(),
      total_installment_fee_2: z.number(),
      total_daily_fee: z.number(),
    }),
  })
  .meta({ id: 'SimulatedLoan' });

export const simulationFailureSchema = z
  .looseObject({
    request_id: z.string().nullable(),
    status_code: z.number().int(),
    error_detail: z.string(),
    error: z.looseObject({ code: z.number().int(), context: z.looseObject({}), error: z.string(), status: z.string() }).meta({ description: 'The seed error body of the failure' }),
  })
  .meta({ id: 'SimulationFailure' });

export const simulateLoansResultSchema = z
  .object({ succeeded: z.array(simulatedLoanSchema), failed: z.array(simulationFailureSchema) })
  .meta({ id: 'SimulateLoansResult' });

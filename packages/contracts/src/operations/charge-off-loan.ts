import { z } from 'zod';
import { dateTimeSchema, expected, occurredOnSchema, requestIdSchema } from '../primitives.js';

/** docs/ledger.md "Charge-off": everything the loan owes on `effective_date` is written off. */
export const loanChargeOffSchema = z
  .looseObject({
    effective_date: dateTimeSchema,
    reason: z.string({ error: expected('a string') }).nullable().optional(),
  })
  .meta({ id: 'LoanChargeOff' });

export const chargeOffLoanBodySchema = z
  .object({
    loan_charge_off: loanChargeOffSchema,
    occurred_on: occurredOnSchema,
    request_id: requestIdSchema,
  })
  .meta({ id: 'ChargeOffLoanRequest' });

export type ChargeOffLoanBody = z.output<typeof chargeOffLoanBodySchema>;

import { z } from 'zod';
import { amountSchema, configIdSchema, dateTimeSchema, occurredOnSchema, requestIdSchema } from '../primitives.js';

/**
 * docs/ledger.md "Payoff and prepayment": a payment that settles the loan on `payment_date`.
 * `config_id` null or absent: the `DEFAULT` payment config (its allocation order).
 */
export const payoffSchema = z
  .looseObject({
    amount_paid: amountSchema,
    payment_date: dateTimeSchema,
    config_id: configIdSchema.nullable().optional(),
  })
  .meta({ id: 'Payoff' });

export const createPayoffBodySchema = z
  .object({
    payoff: payoffSchema,
    occurred_on: occurredOnSchema,
    request_id: requestIdSchema,
  })
  .meta({ id: 'CreatePayoffRequest' });

export type CreatePayoffBody = z.output<typeof createPayoffBodySchema>;

/** 200 of create payoff (docs/ledger.md "Payoff and prepayment"). */
export const createPayoffResultSchema = z
  .object({
    amount_paid: z.number(),
    id: z.string().meta({ description: 'The payoff id.' }),
    kordev_id: z.number().int().min(1).meta({ description: 'Unique per borrower, assigned in order (1, 2, 3, ...)' }),
    loan_id: z.string(),
    payoff_amount: z.number().meta({ description: "The payoff quote on the payment's day: what was paid to the loan" }),
    request_id: z.string().nullable().optional().meta({ description: 'Echoed unmodified from the request.' }),
    to_positive_balance: z.number().meta({ description: 'amount_paid − payoff_amount, to the positive balance' }),
  })
  .meta({ id: 'CreatePayoffResult' });

/** The worked example of docs/ledger.md "Payoff and prepayment": the quote of 2024-03-01 and 100 more. */
export const createPayoffExample = {
  request: {
    occurred_on: '2024-03-01T10:15:20-05:00',
    payoff: { amount_paid: 1264982.23, config_id: null, payment_date: '2024-03-01T10:00:00-05:00' },
    request_id: 'req-payoff-1',
  },
  result: { amount_paid: 1264982.23, id: 'PO1', kordev_id: 2, loan_id: 'L1', payoff_amount: 1264882.23, request_id: 'req-payoff-1', to_positive_balance: 100 },
};

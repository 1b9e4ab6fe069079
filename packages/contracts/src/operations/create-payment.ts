import { z } from 'zod';
import { compareSum, sumToString } from '../decimal.js';
import { amountSchema, configIdSchema, dateTimeSchema, expected, idSchema, occurredOnSchema, prepaymentEffectSchema, requestIdSchema } from '../primitives.js';

/** docs/api.md create payment. `config_id` null or absent: the `DEFAULT` payment config. */
export const paymentSchema = z
  .looseObject({
    amount_paid: amountSchema,
    config_id: configIdSchema.nullable().optional(),
    payment_date: dateTimeSchema,
    prepayment_effect: prepaymentEffectSchema.optional().meta({ description: "Overrides the payment config's prepayment_effect for this payment (docs/ledger.md, \"Prepayment\")" }),
  })
  .meta({ id: 'Payment' });

export const paymentAllocationSchema = z
  .object({ loan_id: idSchema, amount: amountSchema })
  .meta({ id: 'PaymentAllocation' });

export const createPaymentBodySchema = z
  .object({
    payment: paymentSchema,
    payment_allocations: z.array(paymentAllocationSchema, { error: expected('an array of allocations or null') }).nullable().optional(),
    occurred_on: occurredOnSchema,
    request_id: requestIdSchema,
  })
  .superRefine((body, ctx) => {
    const allocations = body.payment_allocations;
    if (allocations === null || allocations === undefined) return;
    const seen = new Map<string, number>();
    allocations.forEach((a, index) => {
      const first = seen.get(a.loan_id);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['payment_allocations', index, 'loan_id'], message: `Duplicate of payment_allocations[${first}].loan_id (${a.loan_id})`, input: a.loan_id });
      } else seen.set(a.loan_id, index);
    });
    // Exact decimal comparison: 0.1 + 0.2 must equal 0.3 here.
    if (compareSum(allocations.map((a) => a.amount), body.payment.amount_paid) !== 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['payment_allocations'],
        message: `Allocations must sum to payment.amount_paid (${String(body.payment.amount_paid)}); they sum to ${sumToString(allocations.map((a) => a.amount))}`,
        input: allocations,
      });
    }
  })
  .meta({ id: 'CreatePaymentRequest' });

export type CreatePaymentBody = z.output<typeof createPaymentBodySchema>;

import { z } from 'zod';
import { paymentAllocationSchema } from '../operations/create-payment.js';
import { waiverSchema } from '../operations/create-waiver.js';
import { amountSchema, configIdSchema, dateTimeSchema, idSchema, requestIdSchema } from '../primitives.js';
import { borrowerStatusSchema } from '../responses/reads.js';

/**
 * `POST /v1/borrowers/{borrower_id}/simulate` (docs/reads.md). This schema checks the shape and
 * the ids; each payment and waiver is then validated exactly as intake validates its create
 * operation (`parseOperation`), so a simulation refuses what a submission would.
 */
const list = <T extends z.ZodType>(item: T, what: string) => z.array(item, { error: `Must be an array of ${what}` }).max(1000, { error: 'Must have at most 1000 items' }).default([]);

export const simulatedPaymentSchema = z
  .looseObject({ payment_id: idSchema, amount_paid: z.unknown(), payment_date: z.unknown(), config_id: z.unknown().optional() })
  .meta({ id: 'SimulatedPayment' });

export const simulatedAllocationSchema = z
  .object({ payment_id: idSchema, payment_allocations: z.array(z.unknown(), { error: 'Must be an array of allocations or null' }).nullable() })
  .meta({ id: 'SimulatedAllocation' });

export const simulatedWaiverSchema = z.looseObject({ loan_id: idSchema, waiver_id: idSchema }).meta({ id: 'SimulatedWaiver' });

export const simulateBorrowerBodySchema = z.object({
  calculation_date: z.iso.date({ error: 'Must be a date YYYY-MM-DD' }).optional(),
  payments: list(simulatedPaymentSchema, 'payments'),
  allocations: list(simulatedAllocationSchema, 'allocations'),
  waivers: list(simulatedWaiverSchema, 'waivers'),
  /** Accepted for Kordev's clients; refused with 400 while the ledger has no restructuring. */
  restructurings: list(z.looseObject({}), 'restructurings'),
  request_id: requestIdSchema,
});

export type SimulateBorrowerBody = z.output<typeof simulateBorrowerBodySchema>;

/** The request as documented (the fields each item takes, as its create operation does). */
export const simulateBorrowerDocSchema = z
  .object({
    calculation_date: z.string().meta({ format: 'date', description: "Default: today in the ledger's time zone" }).optional(),
    payments: z.array(z.object({ payment_id: idSchema, amount_paid: amountSchema, payment_date: dateTimeSchema, config_id: configIdSchema.nullable().optional() })).optional(),
    allocations: z.array(z.object({ payment_id: idSchema, payment_allocations: z.array(paymentAllocationSchema).nullable() })).optional(),
    waivers: z.array(z.object({ loan_id: idSchema, waiver_id: idSchema, ...waiverSchema.shape })).optional(),
    restructurings: z.array(z.looseObject({})).optional().meta({ description: 'Not supported yet: a non-empty list is 400' }),
    request_id: requestIdSchema,
  })
  .meta({ id: 'SimulateBorrowerRequest' });

export const simulatedOperationSchema = z
  .looseObject({
    type: z.enum(['create_payment', 'create_waiver']),
    id: z.string(),
    status_code: z.number().int(),
    body: z.looseObject({}).meta({ description: "The operation's result body: the seed's 200 body, or the refusal's error body" }),
  })
  .meta({ id: 'SimulatedOperation' });

export const simulateBorrowerResultSchema = borrowerStatusSchema
  .extend({
    request_id: z.string().nullable(),
    pending_operations: z.number().int().meta({ description: 'Operations accepted but not yet applied when the simulation read the state; they are included, in their order, before the simulated ones' }),
    simulated_operations: z.array(simulatedOperationSchema),
  })
  .meta({ id: 'SimulateBorrowerResult' });

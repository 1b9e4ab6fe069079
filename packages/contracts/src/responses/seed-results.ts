import { z } from 'zod';
import { loanConsolidationSchema } from '../operations/create-consolidation.js';
import { loanSchema } from '../operations/create-loan.js';
import { paymentAllocationSchema, paymentSchema } from '../operations/create-payment.js';
import { waiverSchema } from '../operations/create-waiver.js';
import { LIFECYCLE_RESULT_SCHEMAS } from './lifecycle-results.js';
import { CORRECTION_RESULT_SCHEMAS } from './correction-results.js';

const kordevId = z.number().int().min(1).meta({ description: 'Unique per borrower, assigned in order (1, 2, 3, ...)' });
const requestId = z.string().nullable().optional().meta({ description: 'Echoed unmodified from the request.' });
const dateTime = z.string().meta({ format: 'date-time' });

/** 200 of create loan: the loan echoed, with `id` (the lender's loan id) and `kordev_id`. */
export const createLoanResultSchema = z
  .looseObject({ ...loanSchema.shape, id: z.string(), kordev_id: kordevId, request_id: requestId })
  .meta({ id: 'CreateLoanResult' });

/** 200 of cancel loan. */
export const cancelLoanResultSchema = z
  .object({
    effective_date: dateTime,
    id: z.string().nullable(),
    kordev_id: kordevId,
    loan_id: z.string(),
    request_id: requestId,
  })
  .meta({ id: 'CancelLoanResult' });

/** 200 of create waiver: the waiver echoed, with `id` (the waiver id), `kordev_id`, `loan_id`. */
export const createWaiverResultSchema = z
  .looseObject({ ...waiverSchema.shape, id: z.string(), kordev_id: kordevId, loan_id: z.string(), request_id: requestId })
  .meta({ id: 'CreateWaiverResult' });

/** 200 of create loan consolidation. */
export const createConsolidationResultSchema = z
  .object({
    id: z.string(),
    kordev_id: kordevId,
    loan_consolidation: z.looseObject(loanConsolidationSchema.shape),
    request_id: requestId,
  })
  .meta({ id: 'CreateLoanConsolidationResult' });

export const bucketStatesSchema = z
  .looseObject({ current: z.number(), overdue: z.number(), total: z.number(), unpaid: z.number() })
  .meta({ id: 'BucketStates' });

/** An item of the 207's `succeeded`. */
export const transferSucceededItemSchema = z
  .object({
    id: z.string().meta({ description: 'The loan id.' }),
    kordev_id: kordevId,
    new_owner: z.string(),
    occurred_on: dateTime,
    request_id: requestId,
    transferred_amounts: z
      .looseObject({ installment_fee: bucketStatesSchema, interest: bucketStatesSchema, principal: bucketStatesSchema }),
  })
  .meta({ id: 'TransferSucceededItem' });

/** An item of the 207's `failed`. */
export const transferFailedItemSchema = z
  .object({
    borrower_id: z.string().nullable(),
    error_detail: z.string(),
    request_id: z.string().nullable(),
    status_code: z.number().int(),
  })
  .meta({ id: 'TransferFailedItem' });

/** The seed's 207 body (`GET /v1/batches/{id}` once complete, or `Prefer: wait`). */
export const transferResultSchema = z
  .object({
    failed: z.array(transferFailedItemSchema).nullable(),
    succeeded: z.array(transferSucceededItemSchema).nullable(),
  })
  .meta({ id: 'TransferOwnershipResult' });

/**
 * 200 of create payment (docs/api.md): the request echoed with `id` and `kordev_id`, and the split
 * applied per loan and bucket (shape owned by the ledger; documented loosely here).
 */
export const createPaymentResultSchema = z
  .looseObject({
    id: z.string(),
    kordev_id: kordevId,
    payment: paymentSchema,
    payment_allocations: z.array(paymentAllocationSchema).nullable().optional(),
    request_id: requestId,
  })
  .meta({ id: 'CreatePaymentResult' });

export const SEED_RESULT_SCHEMAS = {
  create_loan: createLoanResultSchema,
  cancel_loan: cancelLoanResultSchema,
  create_waiver: createWaiverResultSchema,
  create_consolidation: createConsolidationResultSchema,
  transfer_ownership: transferSucceededItemSchema,
  create_payment: createPaymentResultSchema,
  ...LIFECYCLE_RESULT_SCHEMAS,
  ...CORRECTION_RESULT_SCHEMAS,
} as const;

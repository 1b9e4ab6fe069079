/**
 * The 200 bodies of the seeds' operations (each the `resultSchema` of its declaration in
 * `registry/`, where the type-check holds it to the ledger's result type).
 */
import { z } from 'zod';
import { loanConsolidationSchema } from '../operations/create-consolidation.js';
import { loanSchema } from '../operations/create-loan.js';
import { paymentAllocationSchema, paymentSchema } from '../operations/create-payment.js';
import { waiverSchema } from '../operations/create-waiver.js';
import { BUCKET_TYPES } from '../buckets.js';
import { perBucket } from './status.js';

const kordevId = z.number().int().min(1).meta({ description: 'Unique per borrower, assigned in order (1, 2, 3, ...)' });
const requestId = z.string().nullable().meta({ description: 'Echoed unmodified from the request.' });
const dateTime = z.string().meta({ format: 'date-time' });

/**
 * 200 of create loan: the loan echoed as sent (a field the ledger does not know is echoed too,
 * hence open), with `id` (the lender's loan id), `kordev_id` and `due_dates` at the end of each day.
 */
export const createLoanResultSchema = z
  .looseObject({ ...loanSchema.shape, id: z.string(), kordev_id: kordevId, request_id: requestId })
  .meta({ id: 'CreateLoanResult', description: 'The `loan` as sent (unknown fields echoed too), with id, kordev_id and request_id' });

/** 200 of cancel loan. */
export const cancelLoanResultSchema = z
  .strictObject({
    effective_date: dateTime,
    id: z.string().nullable(),
    kordev_id: kordevId,
    loan_id: z.string(),
    request_id: requestId,
  })
  .meta({ id: 'CancelLoanResult' });

/** 200 of create waiver: the waiver echoed as sent (open: unknown fields echoed too), with `id` (the waiver id), `kordev_id`, `loan_id`. */
export const createWaiverResultSchema = z
  .looseObject({ ...waiverSchema.shape, id: z.string(), kordev_id: kordevId, loan_id: z.string(), request_id: requestId })
  .meta({ id: 'CreateWaiverResult', description: 'The `waiver` as sent (unknown fields echoed too), with id, kordev_id, loan_id and request_id' });

/** 200 of create loan consolidation. */
export const createConsolidationResultSchema = z
  .strictObject({
    id: z.string(),
    kordev_id: kordevId,
    loan_consolidation: z.looseObject(loanConsolidationSchema.shape).meta({ description: 'As sent' }),
    request_id: requestId,
  })
  .meta({ id: 'CreateLoanConsolidationResult' });

export const bucketStatesSchema = z
  .strictObject({ current: z.number(), overdue: z.number(), total: z.number(), unpaid: z.number() })
  .meta({ id: 'BucketStates' });

/** An item of the 207's `succeeded`. */
export const transferSucceededItemSchema = z
  .strictObject({
    id: z.string().meta({ description: 'The loan id.' }),
    kordev_id: kordevId,
    new_owner: z.string(),
    occurred_on: dateTime,
    request_id: requestId,
    transferred_amounts: z
      .strictObject({ installment_fee: bucketStatesSchema, interest: bucketStatesSchema, principal: bucketStatesSchema }),
  })
  .meta({ id: 'TransferSucceededItem' });

/** An item of the 207's `failed`. */
export const transferFailedItemSchema = z
  .strictObject({
    borrower_id: z.string().nullable(),
    error_detail: z.string(),
    request_id: z.string().nullable(),
    status_code: z.number().int(),
  })
  .meta({ id: 'TransferFailedItem' });

/** The seed's 207 body (`GET /v1/batches/{id}` once complete, or `Prefer: wait`). */
export const transferResultSchema = z
  .strictObject({
    failed: z.array(transferFailedItemSchema).nullable(),
    succeeded: z.array(transferSucceededItemSchema).nullable(),
  })
  .meta({ id: 'TransferOwnershipResult' });

/** One loan's part of a payment as applied, per bucket (docs/ledger.md "Payments"). */
export const appliedAllocationSchema = z
  .strictObject({
    loan_id: z.string(),
    amount: z.number().meta({ description: 'What reached the loan: the sum of `buckets`' }),
    buckets: perBucket(z.number()),
  })
  .meta({ id: 'AppliedAllocation' });

/**
 * 200 of create payment (docs/api.md): the request echoed with `id` and `kordev_id`, the split
 * applied per loan and bucket, and what went to the positive balance.
 */
export const createPaymentResultSchema = z
  .strictObject({
    applied_allocations: z.array(appliedAllocationSchema).meta({ description: 'Per loan, in the order the payment reached them' }),
    id: z.string().meta({ description: 'The payment id' }),
    kordev_id: kordevId,
    payment: paymentSchema,
    payment_allocations: z.array(paymentAllocationSchema).nullable().meta({ description: 'As sent (null: spread by the ledger)' }),
    positive_balance_amount: z.number().meta({ description: 'What was left once everything reachable was paid: added to the positive balance' }),
    request_id: requestId,
  })
  .meta({ id: 'CreatePaymentResult' });

import { z } from 'zod';
import { OPERATION_REGISTRY, OPERATION_TYPES } from '../operations/catalog.js';
import { errorBodySchema } from './error-body.js';
import { cancelLoanResultSchema, transferFailedItemSchema } from './seed-results.js';
import { createRestructuringResultSchema } from './lifecycle-results.js';

export const OPERATION_STATUSES = ['queued', 'succeeded', 'failed'] as const;
export type OperationStatus = (typeof OPERATION_STATUSES)[number];

export const operationTypeSchema = z.enum(OPERATION_TYPES).meta({ id: 'OperationType' });
export const operationStatusValueSchema = z.enum(OPERATION_STATUSES).meta({ id: 'OperationStatusValue' });

/**
 * 202 answer to a submission (docs/api.md), with `Location: status_url`. `status` is `queued` for a
 * fresh submission; an idempotent replay reports the original operation's current status.
 */
export const operationAcceptedSchema = z
  .strictObject({
    operation_id: z.string(),
    status: operationStatusValueSchema,
    type: operationTypeSchema,
    borrower_id: z.string(),
    request_id: z.string().nullable(),
    status_url: z.string().meta({ description: '`/v1/operations/{operation_id}`' }),
  })
  .meta({ id: 'OperationAccepted' });
/** The 202 body as `operationAcceptedBody` (./operation-bodies.ts) builds it. */
export type OperationAcceptedBody = z.output<typeof operationAcceptedSchema>;

/**
 * `result.body` is exactly the seed's response body for `status_code`: the 200 body of the
 * operation's type (its `resultSchema` in the operation registry), or the error body.
 */
export const operationResultSchema = z
  .strictObject({
    status_code: z.number().int().meta({ description: '200, or the refusal\'s status (400, 404, 409, 500)' }),
    body: z.union([...OPERATION_TYPES.map((type) => OPERATION_REGISTRY[type].resultSchema), errorBodySchema]).meta({ description: "The 200 body of the operation's type, or the error body" }),
  })
  .meta({ id: 'OperationResult' });

/** `GET /v1/operations/{id}`. */
export const operationStatusSchema = z
  .strictObject({
    id: z.string(),
    type: operationTypeSchema,
    status: operationStatusValueSchema,
    borrower_id: z.string(),
    request_id: z.string().nullable(),
    accepted_at: z.string().meta({ format: 'date-time' }),
    completed_at: z.string().meta({ format: 'date-time' }).nullable(),
    result: operationResultSchema.nullable(),
  })
  .meta({ id: 'OperationStatus' });
/**
 * The body of `GET /v1/operations/{id}` as `operationStatusBody` (./operation-bodies.ts) builds it:
 * `result.body` is the ledger's answer as stored (jsonb), which the schema describes (the
 * end-to-end tests check every answer against it).
 */
export type OperationStatusBody = Omit<z.output<typeof operationStatusSchema>, 'result'> & {
  result: { status_code: number; body: Record<string, unknown> } | null;
};

/** One item of a transfer batch as accepted: invalid items are failed at once (no operation). */
export const batchAcceptedItemSchema = z
  .strictObject({
    index: z.number().int().min(0),
    operation_id: z.string().nullable(),
    borrower_id: z.string().nullable(),
    request_id: z.string().nullable(),
    status: operationStatusValueSchema,
    error: errorBodySchema.nullable().optional().meta({ description: 'The error body of an item failed at intake (400 invalid, 409 its key taken by another body; in the bulk route also 404 and 405)' }),
  })
  .meta({ id: 'BatchAcceptedItem' });

/** 202 answer to a transfer batch, with `Location: status_url`. */
export const batchAcceptedSchema = z
  .strictObject({
    batch_id: z.string(),
    status: z.enum(['queued', 'completed']),
    status_url: z.string().meta({ description: '`/v1/batches/{batch_id}`' }),
    items: z.array(batchAcceptedItemSchema),
  })
  .meta({ id: 'BatchAccepted' });

export const batchPendingItemSchema = z
  .strictObject({
    index: z.number().int().min(0),
    operation_id: z.string(),
    borrower_id: z.string(),
    request_id: z.string().nullable(),
    status: z.enum(['queued']),
  })
  .meta({ id: 'BatchPendingItem' });

/**
 * `GET /v1/batches/{id}`: the seed's 207 body; `pending` lists what is not done yet and is
 * empty (or absent) once the batch has completed.
 */
export const batchStatusSchema = z
  .strictObject({
    // A transfer batch's items are transfer results; a cancel batch's, cancel results; the bulk
    // route's, each item's own operation result (its `resultSchema` in the operation registry).
    succeeded: z.array(z.union(OPERATION_TYPES.map((type) => OPERATION_REGISTRY[type].resultSchema))).nullable(),
    failed: z.array(transferFailedItemSchema).nullable(),
    pending: z.array(batchPendingItemSchema).optional(),
  })
  .meta({ id: 'BatchStatus' });
/** The body of `GET /v1/batches/{id}` as `batchStatusOf` (./batch-bodies.ts) builds it. */
export type BatchStatusBody = z.output<typeof batchStatusSchema>;

/** The 207 of the cancel-loans batch: the seed's batch body with cancel results. */
export const cancelLoansResultSchema = z
  .strictObject({
    failed: z.array(transferFailedItemSchema).nullable(),
    succeeded: z.array(cancelLoanResultSchema).nullable(),
  })
  .meta({ id: 'CancelLoansResult' });

/** The 207 of the restructure-loans batch: the seed's batch body with restructuring results. */
export const restructureLoansResultSchema = z
  .object({
    failed: z.array(transferFailedItemSchema).nullable(),
    succeeded: z.array(createRestructuringResultSchema).nullable(),
  })
  .meta({ id: 'RestructureLoansResult' });

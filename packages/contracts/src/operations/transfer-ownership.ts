import { z } from 'zod';
import { dateTimeSchema, expected, idSchema, nameSchema, occurredOnSchema, requestIdSchema } from '../primitives.js';

export const TRANSFER_BATCH_MAX_ITEMS = 1000;

export const ownershipTransferSchema = z
  .looseObject({
    effective_date: dateTimeSchema,
    new_owner: nameSchema.min(1, { error: 'Must not be empty' }),
  })
  .meta({ id: 'OwnershipTransfer' });

/** One item of the transfer batch; each is validated alone and fails alone. */
export const transferItemSchema = z
  .object({
    borrower_id: idSchema,
    loan_id: idSchema,
    occurred_on: occurredOnSchema,
    ownership_transfer: ownershipTransferSchema,
    request_id: requestIdSchema,
  })
  .meta({ id: 'TransferOwnershipItem' });

export type TransferItem = z.output<typeof transferItemSchema>;

/**
 * The batch as a whole: a JSON array of 1..1000 elements of any shape (items are checked one
 * by one afterwards, so one bad item does not refuse the others).
 */
export const transferBatchSchema = z
  .array(z.unknown(), { error: expected('a JSON array of transfer items') })
  .min(1, { error: 'Must have at least 1 item' })
  .max(TRANSFER_BATCH_MAX_ITEMS, { error: `Must have at most ${TRANSFER_BATCH_MAX_ITEMS} items` });

/** For documentation: the batch with its items' schema. */
export const transferBatchDocSchema = z
  .array(transferItemSchema)
  .min(1)
  .max(TRANSFER_BATCH_MAX_ITEMS)
  .meta({ id: 'TransferOwnershipRequest' });

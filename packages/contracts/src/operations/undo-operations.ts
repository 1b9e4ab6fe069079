import { z } from 'zod';
import { occurredOnSchema, reasonOnlySchema, requestIdSchema } from '../primitives.js';

/** docs/ledger.md "Cancellation reversal": why the cancellation is taken out. */
export const cancellationReversalSchema = reasonOnlySchema('CancellationReversal');

/** `cancellation_reversal` may be omitted (no reason). Effective on the day it is recorded. */
export const revertCancellationBodySchema = z
  .object({
    cancellation_reversal: cancellationReversalSchema.default({}),
    occurred_on: occurredOnSchema,
    request_id: requestIdSchema,
  })
  .meta({ id: 'RevertCancellationRequest' });

/** docs/ledger.md "Consolidation cancellation": why the consolidation is taken out. */
export const consolidationCancellationSchema = reasonOnlySchema('ConsolidationCancellation');

/** `consolidation_cancellation` may be omitted (no reason). Effective on the day it is recorded. */
export const cancelConsolidationBodySchema = z
  .object({
    consolidation_cancellation: consolidationCancellationSchema.default({}),
    occurred_on: occurredOnSchema,
    request_id: requestIdSchema,
  })
  .meta({ id: 'CancelConsolidationRequest' });

export type RevertCancellationBody = z.output<typeof revertCancellationBodySchema>;
export type CancelConsolidationBody = z.output<typeof cancelConsolidationBodySchema>;

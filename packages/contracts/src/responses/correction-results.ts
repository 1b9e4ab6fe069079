/** 200 bodies of the corrections: balance adjustment, cancellation reversal, consolidation cancellation (docs/ledger.md). */
import { z } from 'zod';
import { balanceAdjustmentSchema } from '../operations/create-balance-adjustment.js';
import { cancellationReversalSchema, consolidationCancellationSchema } from '../operations/undo-operations.js';

const kordevId = z.number().int().min(1).meta({ description: 'Unique per borrower, assigned in order (1, 2, 3, ...)' });
const requestId = z.string().nullable().optional().meta({ description: 'Echoed unmodified from the request.' });

/** 200 of adjust a balance (docs/ledger.md "Balance adjustment"). */
export const createBalanceAdjustmentResultSchema = z
  .object({
    balance_adjustment: z
      .looseObject({ ...balanceAdjustmentSchema.shape, installment: z.number().int().min(1) })
      .meta({ description: 'As sent, with `installment` the number of the installment adjusted.' }),
    id: z.string().meta({ description: 'The adjustment id.' }),
    kordev_id: kordevId,
    loan_id: z.string(),
    request_id: requestId,
  })
  .meta({ id: 'CreateBalanceAdjustmentResult' });

const dateTime = z.string().meta({ format: 'date-time' });

/** 200 of revert a cancellation (docs/ledger.md "Cancellation reversal"). */
export const revertCancellationResultSchema = z
  .object({
    cancellation_date: dateTime.meta({ description: 'The effective date of the cancellation taken out (as sent, or when it was recorded).' }),
    cancellation_reversal: z.looseObject(cancellationReversalSchema.shape),
    id: z.string().meta({ description: 'The reversal operation id.' }),
    kordev_id: kordevId,
    loan_id: z.string(),
    request_id: requestId,
  })
  .meta({ id: 'RevertCancellationResult' });

/** 200 of cancel a consolidation (docs/ledger.md "Consolidation cancellation"). */
export const cancelConsolidationResultSchema = z
  .object({
    consolidation_cancellation: z.looseObject(consolidationCancellationSchema.shape),
    consolidation_date: dateTime.meta({ description: 'The effective date of the consolidation taken out.' }),
    consolidation_id: z.string().meta({ description: 'The consolidation (and its new loan, now gone).' }),
    id: z.string().meta({ description: 'The cancellation operation id.' }),
    kordev_id: kordevId,
    original_loans: z.array(z.string()).meta({ description: 'The loans it had closed, open again.' }),
    request_id: requestId,
  })
  .meta({ id: 'CancelConsolidationResult' });

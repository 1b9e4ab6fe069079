/** 200 bodies of the corrections: balance adjustment, cancellation reversal, consolidation cancellation (docs/ledger.md). */
import { z } from 'zod';
import { balanceAdjustmentSchema } from '../operations/create-balance-adjustment.js';

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

export const CORRECTION_RESULT_SCHEMAS = {
  create_balance_adjustment: createBalanceAdjustmentResultSchema,
} as const;

/** cancel_consolidation (docs/ledger.md "Consolidation cancellation"): a consolidation taken out as if never made. */
import { cancelConsolidation } from '../undo.js';
import { defineLedgerOperation, type BodyBase, type Open, type OperationBase } from './define.js';
import type { TakenOut } from './revert-cancellation.js';

export interface CancelConsolidationBody extends BodyBase {
  consolidation_cancellation?: Open & { reason?: string | null | undefined };
}

export interface CancelConsolidationOperation extends OperationBase<'cancel_consolidation', CancelConsolidationBody> {
  consolidationId: string;
  /** Set by `apply` once it has located the consolidation (absent on the value handed in). */
  cancelled?: (TakenOut & { originalLoans: string[] }) | undefined;
}

/** The 200 body; `id` is the cancellation's operation id. */
export interface CancelConsolidationResult {
  consolidation_cancellation: NonNullable<CancelConsolidationBody['consolidation_cancellation']>;
  consolidation_date: string;
  consolidation_id: string;
  id: string;
  kordev_id: number;
  original_loans: string[];
  request_id: string | null;
}

export const cancelConsolidationOperation = defineLedgerOperation<CancelConsolidationOperation, CancelConsolidationResult, 'loan.consolidation_cancelled'>({
  effectiveInstant: () => undefined,
  handle: cancelConsolidation,
  steps: { consolidation_cancellation: 'CONSOLIDATION_CANCELLATION' },
});

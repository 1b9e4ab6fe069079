/** create_consolidation (docs/ledger.md "Consolidation"): original loans closed into a new one. */
import type { ConsolidationConfig, LoanConfig } from '../configs.js';
import { createConsolidation } from '../consolidation.js';
import { defineLedgerOperation, type BodyBase, type Open, type OperationBase } from './define.js';

export type ConsolidationTerms = Open & {
  consolidation_config?: string | null | undefined;
  daily_fee_charge?: number | null | undefined;
  delinquency_interest_rate: number;
  due_dates: string[];
  effective_date: string;
  interest_rate: number;
  loan_config?: string | null | undefined;
  original_loans: string[];
  owner?: string | null | undefined;
};

export interface CreateConsolidationBody extends BodyBase {
  loan_consolidation: ConsolidationTerms;
}

export interface CreateConsolidationOperation extends OperationBase<'create_consolidation', CreateConsolidationBody> {
  consolidationId: string;
  loanConfig: LoanConfig;
  consolidationConfig: ConsolidationConfig;
}

/** The 200 body: the `loan_consolidation` echoed, `due_dates` the end of each due day. */
export interface CreateConsolidationResult {
  id: string;
  kordev_id: number;
  loan_consolidation: ConsolidationTerms;
  request_id: string | null;
}

export const createConsolidationOperation = defineLedgerOperation<CreateConsolidationOperation, CreateConsolidationResult, 'loan.consolidated' | 'loan.originated'>({
  effectiveInstant: (op) => op.body.loan_consolidation.effective_date,
  handle: createConsolidation,
  steps: { consolidation: 'CONSOLIDATION', consolidation_waiver: 'CONSOLIDATION_WAIVER' },
});

/** create_waiver (docs/ledger.md "Waivers"). */
import type { WaiverScope } from '../api.js';
import type { WaiverConfig } from '../configs.js';
import { createWaiver } from '../waivers.js';
import { defineLedgerOperation, type BodyBase, type Open, type OperationBase } from './define.js';

export type WaiverTerms = Open & {
  amount?: number | null | undefined;
  bucket: WaiverScope;
  config_id?: string | null | undefined;
  effective_date: string;
  percentage?: number | null | undefined;
  reason?: string | null | undefined;
  type: 'amount' | 'percentage';
};

export interface CreateWaiverBody extends BodyBase {
  waiver: WaiverTerms;
}

export interface CreateWaiverOperation extends OperationBase<'create_waiver', CreateWaiverBody> {
  loanId: string;
  waiverId: string;
  waiverConfig: WaiverConfig | null;
}

/** The 200 body: the `waiver` echoed as sent. */
export type CreateWaiverResult = WaiverTerms & { id: string; kordev_id: number; loan_id: string; request_id: string | null };

export const createWaiverOperation = defineLedgerOperation<CreateWaiverOperation, CreateWaiverResult, 'waiver.applied'>({
  effectiveInstant: (op) => op.body.waiver.effective_date,
  handle: createWaiver,
  steps: { waiver: 'WAIVER' },
});

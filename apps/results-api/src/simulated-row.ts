import { randomUUID } from 'node:crypto';
import type { OperationRow } from '@lsl/db';
import type { OperationType, ResolvedConfigs } from '@lsl/ledger';

/**
 * An operation as intake would have recorded it, never stored: what the simulations hand to
 * @lsl/ledger-store's `applyRecorded` / `toLedgerOperation` (the worker's own), so they apply
 * exactly what a submission would (docs/reads.md, "Simulate a borrower").
 */
export function simulatedRow(input: {
  borrowerId: string;
  seq: number;
  type: OperationType;
  params: Record<string, string>;
  body: unknown;
  configs: ResolvedConfigs;
  recordedAt: Date;
  requestId: string | null;
}): OperationRow {
  return {
    id: randomUUID(),
    borrower_id: input.borrowerId,
    seq: input.seq,
    type: input.type,
    natural_key: '',
    request_hash: '',
    idempotency_key: null,
    params: input.params,
    body: input.body,
    is_migration: false,
    recorded_at: input.recordedAt,
    request_id: input.requestId,
    configs: { ...input.configs },
    batch_id: null,
    batch_index: null,
    status: 'queued',
    result_status_code: null,
    result_body: null,
    accepted_at: input.recordedAt,
    completed_at: null,
  };
}

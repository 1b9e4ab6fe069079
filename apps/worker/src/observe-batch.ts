import { acceptToAppliedSeconds, applyBatchSize, operationsApplied, type Logger } from '@lsl/telemetry';
import type { AppliedBatch } from './apply-pending.js';

/**
 * What a committed batch tells an operator: one log line (the borrower, and each operation's
 * id, type, lender request id and outcome), the batch size, each operation's outcome and its
 * accept→applied latency (docs/operations.md).
 */
export function observeBatch(batch: AppliedBatch, logger?: Logger): void {
  applyBatchSize.observe(batch.results.length);
  const operations = batch.results.map(([row, result]) => {
    const outcome = result.ok ? 'succeeded' : 'failed';
    operationsApplied.inc({ type: row.type, outcome });
    const accepted = new Date(row.accepted_at).getTime();
    acceptToAppliedSeconds.observe({ type: row.type }, Math.max(0, (batch.completedAt.getTime() - accepted) / 1000));
    return { operation_id: row.id, type: row.type, request_id: row.request_id, seq: row.seq, outcome, status_code: result.statusCode };
  });
  logger?.info({ borrower_id: batch.borrowerId, batch_size: operations.length, operations }, 'batch applied');
}

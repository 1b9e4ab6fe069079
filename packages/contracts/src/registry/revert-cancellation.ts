/** revert_cancellation (docs/api.md): its route, schemas, key, configs, ledger value and examples. */
import { revertCancellationBodySchema } from '../operations/undo-operations.js';
import { loanParamsSchema } from '../operations/params.js';
import { domainEvent, defineOperation } from './define-operation.js';
import { revertCancellationResultSchema } from '../responses/correction-results.js';
import { z } from 'zod';

/** `loan.cancellation_reverted` (docs/events.md). */
export const loanCancellationRevertedEvent = domainEvent('loan.cancellation_reverted', {
    cancellation_date: z.string().nullable().meta({ description: 'Of the cancellation taken out, as sent' }),
    reason: z.string().nullable().meta({ description: 'As sent' }),
  });

export const revertCancellation = defineOperation({
  type: 'revert_cancellation',
  path: '/v1/borrowers/:borrower_id/loans/:loan_id/cancellation/revert',
  summary: 'Revert a loan cancellation',
  paramsSchema: loanParamsSchema,
  bodySchema: revertCancellationBodySchema,
  borrowerIdOf: (params) => params.borrower_id,
  naturalKeyOf: (p, body) => [p.borrower_id, p.loan_id, typeof body.request_id === 'string' ? body.request_id : ''],
  configRefsOf: () => [],
  toLedger: ({ base, params, body }) => ({ ...base, type: 'revert_cancellation', body, loanId: params.loan_id }),
  resultSchema: revertCancellationResultSchema,
  events: [loanCancellationRevertedEvent],
  example: () => ({
    params: { borrower_id: 'B1', loan_id: 'L1' },
    body: { cancellation_reversal: { reason: 'Cancelled by mistake' }, occurred_on: '2024-03-05T10:00:00-05:00', request_id: 'string' },
  }),
  resultExample: () => ({
    cancellation_date: '2024-03-01T00:00:00-05:00', cancellation_reversal: { reason: 'Cancelled by mistake' },
    id: '5a1f6c2e-3b7d-4e8f-9a01-2c3d4e5f6a7b', kordev_id: 4, loan_id: 'L1', request_id: 'string',
  }),
});

/** cancel_consolidation (docs/api.md): its route, schemas, key, configs, ledger value and examples. */
import { cancelConsolidationBodySchema } from '../operations/undo-operations.js';
import { consolidationParamsSchema } from '../operations/params.js';
import { domainEvent, defineOperation } from './define-operation.js';
import { cancelConsolidationResultSchema } from '../responses/correction-results.js';
import { z } from 'zod';

/** `loan.consolidation_cancelled` (docs/events.md). */
export const loanConsolidationCancelledEvent = domainEvent('loan.consolidation_cancelled', {
    consolidation_id: z.string(),
    consolidation_date: z.string().nullable().meta({ description: 'Of the consolidation taken out, as sent' }),
    original_loans: z.array(z.string()).meta({ description: 'The loans it had consolidated, open again' }),
    reason: z.string().nullable().meta({ description: 'As sent' }),
  });

export const cancelConsolidation = defineOperation({
  type: 'cancel_consolidation',
  path: '/v1/borrowers/:borrower_id/loans/consolidations/:consolidation_id/cancel',
  summary: 'Cancel a loan consolidation',
  paramsSchema: consolidationParamsSchema,
  bodySchema: cancelConsolidationBodySchema,
  borrowerIdOf: (params) => params.borrower_id,
  naturalKeyOf: (p) => [p.borrower_id, p.consolidation_id],
  configRefsOf: () => [],
  toLedger: ({ base, params, body }) => ({ ...base, type: 'cancel_consolidation', body, consolidationId: params.consolidation_id }),
  resultSchema: cancelConsolidationResultSchema,
  events: [loanConsolidationCancelledEvent],
  example: () => ({
    params: { borrower_id: 'B1', consolidation_id: 'C1' },
    body: { consolidation_cancellation: { reason: 'Booked by mistake' }, occurred_on: '2024-03-05T10:00:00-05:00', request_id: 'string' },
  }),
  resultExample: () => ({
    consolidation_cancellation: { reason: 'Booked by mistake' }, consolidation_date: '2024-03-01T00:00:00-05:00', consolidation_id: 'C1',
    id: '7c2d8e4f-1a3b-4c5d-8e9f-0a1b2c3d4e5f', kordev_id: 5, original_loans: ['L1', 'L2'], request_id: 'string',
  }),
});

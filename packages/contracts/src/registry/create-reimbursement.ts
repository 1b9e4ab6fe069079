/** create_reimbursement (docs/api.md): its route, schemas, key, configs, ledger value and examples. */
import { createReimbursementBodySchema } from '../operations/create-reimbursement.js';
import { reimbursementParamsSchema } from '../operations/params.js';
import { domainEvent, defineOperation } from './define-operation.js';
import { createReimbursementResultSchema } from '../responses/lifecycle-results.js';
import { z } from 'zod';

/** `positive_balance.reimbursed` (docs/events.md). */
export const positiveBalanceReimbursedEvent = domainEvent('positive_balance.reimbursed', {
    positive_balance_after: z.number(),
    reimbursement_id: z.string(),
    value: z.number().meta({ description: 'What was reimbursed' }),
  });

export const createReimbursement = defineOperation({
  type: 'create_reimbursement',
  path: '/v1/borrowers/:borrower_id/reimbursements/:reimbursement_id/create',
  summary: 'Reimburse positive balance',
  paramsSchema: reimbursementParamsSchema,
  bodySchema: createReimbursementBodySchema,
  borrowerIdOf: (params) => params.borrower_id,
  naturalKeyOf: (p) => [p.borrower_id, p.reimbursement_id],
  configRefsOf: () => [],
  toLedger: ({ base, params, body }) => ({ ...base, type: 'create_reimbursement', body, reimbursementId: params.reimbursement_id }),
  resultSchema: createReimbursementResultSchema,
  events: [positiveBalanceReimbursedEvent],
  example: () => ({
    params: { borrower_id: 'B1', reimbursement_id: 'RB1' },
    body: { reimbursement: { effective_date: '2024-01-25T00:00:00-05:00', value: 200 }, occurred_on: '2024-01-25T10:00:00-05:00', request_id: 'string' },
  }),
  resultExample: () => ({ id: 'RB1', kordev_id: 3, positive_balance_after: 300, reimbursement: { effective_date: '2024-01-25T00:00:00-05:00', value: 200 }, request_id: 'string' }),
});

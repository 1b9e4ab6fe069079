/** cancel_promise (docs/api.md): its route, schemas, key, configs, ledger value and examples. */
import { cancelPromiseBodySchema } from '../operations/promises.js';
import { promiseParamsSchema } from '../operations/params.js';
import { defineOperation } from './define-operation.js';
import { cancelPromiseResultSchema } from '../responses/promise-results.js';

export const cancelPromise = defineOperation({
  type: 'cancel_promise',
  path: '/v1/borrowers/:borrower_id/promises/:promise_id/cancel',
  summary: 'Cancel promise to pay',
  paramsSchema: promiseParamsSchema,
  bodySchema: cancelPromiseBodySchema,
  borrowerIdOf: (params) => params.borrower_id,
  naturalKeyOf: (p) => [p.borrower_id, p.promise_id],
  configRefsOf: () => [],
  toLedger: ({ base, params, body }) => ({ ...base, type: 'cancel_promise', body, promiseId: params.promise_id }),
  resultSchema: cancelPromiseResultSchema,
  events: [],
  example: () => ({
    params: { borrower_id: 'B1', promise_id: 'PR1' },
    body: { promise_cancellation: { reason: 'Borrower renegotiated' }, occurred_on: '2024-03-05T10:00:00-05:00', request_id: 'string' },
  }),
  resultExample: () => ({
    effective_date: '2024-03-05',
    id: '6a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
    kordev_id: 5,
    paid_toward: 0,
    promise_cancellation: { reason: 'Borrower renegotiated' },
    promise_id: 'PR1',
    request_id: 'string',
    state: 'canceled',
  }),
});

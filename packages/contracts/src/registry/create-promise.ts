/** create_promise (docs/api.md): its route, schemas, key, configs, ledger value and examples. */
import { createPromiseBodySchema } from '../operations/promises.js';
import { promiseParamsSchema } from '../operations/params.js';
import { defineOperation } from './define-operation.js';
import { createPromiseResultSchema } from '../responses/promise-results.js';

export const createPromise = defineOperation({
  type: 'create_promise',
  path: '/v1/borrowers/:borrower_id/promises/:promise_id/create',
  summary: 'Create promise to pay',
  paramsSchema: promiseParamsSchema,
  bodySchema: createPromiseBodySchema,
  borrowerIdOf: (params) => params.borrower_id,
  naturalKeyOf: (p) => [p.borrower_id, p.promise_id],
  configRefsOf: () => [],
  toLedger: ({ base, params, body }) => ({ ...base, type: 'create_promise', body, promiseId: params.promise_id }),
  resultSchema: createPromiseResultSchema,
  // promise.kept is the ledger's own (webhooks/event-payloads.ts): whichever operation keeps a promise reports it.
  events: [],
  example: () => ({
    params: { borrower_id: 'B1', promise_id: 'PR1' },
    body: { promise: { amount: 150000, due_date: '2024-03-10', loan_id: 'L1' }, occurred_on: '2024-03-01T10:00:00-05:00', request_id: 'string' },
  }),
  resultExample: () => ({
    effective_date: '2024-03-01',
    id: 'PR1',
    kordev_id: 4,
    paid_toward: 0,
    promise: { amount: 150000, due_date: '2024-03-10', loan_id: 'L1' },
    request_id: 'string',
    state: 'active',
  }),
});

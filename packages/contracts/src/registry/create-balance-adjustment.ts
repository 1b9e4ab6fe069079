/** create_balance_adjustment (docs/api.md): its route, schemas, key, configs, ledger value and examples. */
import { adjustmentParamsSchema, createBalanceAdjustmentBodySchema } from '../operations/create-balance-adjustment.js';
import { domainEvent, defineOperation } from './define-operation.js';
import { createBalanceAdjustmentResultSchema } from '../responses/correction-results.js';
import { z } from 'zod';
import { BUCKET_TYPES } from '../buckets.js';

function example() {
  return {
    params: { borrower_id: 'B1', loan_id: 'L1', adjustment_id: 'ADJ1' },
    body: {
      balance_adjustment: { effective_date: '2024-02-20T00:00:00-05:00', bucket: 'late_fee' as const, installment: 2, amount: -5000, reason: 'Fee charged twice' },
      occurred_on: '2024-02-20T10:00:00-05:00',
      request_id: 'string',
    },
  };
}

/** `loan.balance_adjusted` (docs/events.md). */
export const loanBalanceAdjustedEvent = domainEvent('loan.balance_adjusted', {
    adjustment_id: z.string(),
    bucket: z.enum(BUCKET_TYPES),
    installment: z.number().int().meta({ description: 'The installment number adjusted (from 1)' }),
    amount: z.number().meta({ description: 'Signed: what was added (positive) or removed (negative)' }),
    balance_after: z.number().meta({ description: 'What the bucket of that installment owes after it' }),
    reason: z.string().nullable().meta({ description: 'As sent' }),
  });

export const createBalanceAdjustment = defineOperation({
  type: 'create_balance_adjustment',
  path: '/v1/borrowers/:borrower_id/loans/:loan_id/adjustments/:adjustment_id/create',
  summary: 'Adjust a balance',
  paramsSchema: adjustmentParamsSchema,
  bodySchema: createBalanceAdjustmentBodySchema,
  borrowerIdOf: (params) => params.borrower_id,
  naturalKeyOf: (p) => [p.borrower_id, p.loan_id, p.adjustment_id],
  configRefsOf: () => [],
  toLedger: ({ base, params, body }) => ({ ...base, type: 'create_balance_adjustment', body, loanId: params.loan_id, adjustmentId: params.adjustment_id }),
  resultSchema: createBalanceAdjustmentResultSchema,
  events: [loanBalanceAdjustedEvent],
  example,
  resultExample: () => ({ balance_adjustment: example().body.balance_adjustment, id: 'ADJ1', kordev_id: 4, loan_id: 'L1', request_id: 'string' }),
});

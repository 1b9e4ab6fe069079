/** create_waiver (docs/api.md): its route, schemas, key, configs, ledger value and examples. */
import { createWaiverBodySchema } from '../operations/create-waiver.js';
import { waiverParamsSchema } from '../operations/params.js';
import { domainEvent, defineOperation, configRef } from './define-operation.js';
import { createWaiverResultSchema } from '../responses/seed-results.js';
import { seedResultExamples } from '../examples/responses.js';
import { z } from 'zod';
import { waiverScopeSchema } from '../buckets.js';

/** `waiver.applied` (docs/events.md). */
export const waiverAppliedEvent = domainEvent('waiver.applied', {
    amount: z.number().nullable().meta({ description: 'As sent' }),
    bucket: waiverScopeSchema.nullable().meta({ description: 'As sent: a bucket, or a scope such as `all`' }),
    percentage: z.number().nullable().meta({ description: 'As sent' }),
    reason: z.string().nullable().meta({ description: 'As sent' }),
    type: z.string().meta({ description: 'As sent' }),
    waived_amount: z.number().meta({ description: 'What was waived' }),
    waiver_id: z.string(),
  });

export const createWaiver = defineOperation({
  type: 'create_waiver',
  path: '/v1/borrowers/:borrower_id/loans/:loan_id/waivers/:waiver_id/create',
  summary: 'Create waiver',
  paramsSchema: waiverParamsSchema,
  bodySchema: createWaiverBodySchema,
  borrowerIdOf: (params) => params.borrower_id,
  naturalKeyOf: (p) => [p.borrower_id, p.loan_id, p.waiver_id],
  configRefsOf: (b) => [configRef('waivers', 'waiver.config_id', b.waiver.config_id)],
  toLedger: ({ base, params, body, configs }) => ({ ...base, type: 'create_waiver', body, loanId: params.loan_id, waiverId: params.waiver_id, waiverConfig: configs.waivers ?? null }),
  resultSchema: createWaiverResultSchema,
  events: [waiverAppliedEvent],
  example: () => ({
    params: { borrower_id: 'B1', loan_id: 'L1', waiver_id: 'W1' },
    body: {
      occurred_on: '2020-01-01T10:15:20-05:00',
      request_id: 'string',
      waiver: {
        amount: 163333.34,
        bucket: 'all',
        config_id: 'DEFAULT',
        effective_date: '2020-01-01T00:00:00-05:00',
        percentage: 0.2,
        reason: 'DEFAULT',
        type: 'percentage',
      },
    },
  }),
  resultExample: () => seedResultExamples.create_waiver,
});

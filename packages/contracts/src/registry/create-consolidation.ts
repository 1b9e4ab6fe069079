/** create_consolidation (docs/api.md): its route, schemas, key, configs, ledger value and examples. */
import { createConsolidationBodySchema } from '../operations/create-consolidation.js';
import { consolidationParamsSchema } from '../operations/params.js';
import { domainEvent, defineOperation, requiredConfig, configRef } from './define-operation.js';
import { createConsolidationResultSchema } from '../responses/seed-results.js';
import { loanOriginatedEvent } from './create-loan.js';
import { startingOnEffectiveDate } from '../due-dates.js';
import { z } from 'zod';

/** The example request (and, answered, the example result). */
function example() {
  return {
    params: { borrower_id: 'B1', consolidation_id: 'C1' },
    body: {
      loan_consolidation: {
        consolidation_config: 'DEFAULT',
        daily_fee_charge: null,
        delinquency_interest_rate: 0.3848,
        due_dates: ['2025-06-04T09:42:00Z', '2025-07-04T09:42:00Z'],
        effective_date: '2025-05-04T09:42:00Z',
        interest_rate: 0.3848,
        loan_config: 'DEFAULT',
        original_loans: ['L1', 'L2'],
        owner: 'BANK_1',
      },
      occurred_on: '2020-01-01T10:15:20-05:00',
      request_id: 'string',
    },
  };
}

/** `loan.consolidated` (docs/events.md). */
export const loanConsolidatedEvent = domainEvent('loan.consolidated', {
    carried_amount: z.number().meta({ description: 'What this loan carried into the new principal' }),
    consolidated_into: z.string(),
    consolidation_id: z.string().meta({ description: 'The new loan (= consolidated_into)' }),
    waived_amount: z.number().meta({ description: "Waived by the consolidation config's waivers" }),
  });

export const createConsolidation = defineOperation({
  type: 'create_consolidation',
  path: '/v1/borrowers/:borrower_id/loans/consolidations/:consolidation_id/create',
  summary: 'Create loan consolidation',
  paramsSchema: consolidationParamsSchema,
  bodySchema: createConsolidationBodySchema,
  borrowerIdOf: (params) => params.borrower_id,
  naturalKeyOf: (p) => [p.borrower_id, p.consolidation_id],
  configRefsOf: (b) => [
    configRef('loans', 'loan_consolidation.loan_config', b.loan_consolidation.loan_config),
    configRef('consolidations', 'loan_consolidation.consolidation_config', b.loan_consolidation.consolidation_config),
  ],
  dueDatesOf: (b) => ({ path: 'loan_consolidation', terms: startingOnEffectiveDate(b.loan_consolidation) }),
  crossFieldIssuesOf: (params, body) => {
    const fields: Record<string, string> = {};
    body.loan_consolidation.original_loans.forEach((loanId, index) => {
      if (loanId === params.consolidation_id) {
        fields[`loan_consolidation.original_loans[${index}]`] = `Must not be the consolidation_id (${loanId}): it becomes the new loan's id`;
      }
    });
    return fields;
  },
  usuryTermsOf: (b) => b.loan_consolidation,
  toLedger: ({ base, params, body, configs }) => ({ ...base, type: 'create_consolidation', body, consolidationId: params.consolidation_id, loanConfig: requiredConfig(configs, 'loans'), consolidationConfig: requiredConfig(configs, 'consolidations') }),
  resultSchema: createConsolidationResultSchema,
  events: [loanConsolidatedEvent, loanOriginatedEvent],
  example,
  resultExample: () => {
    const terms = example().body.loan_consolidation;
    return { id: 'C1', kordev_id: 3, loan_consolidation: terms, request_id: 'string' };
  },
});

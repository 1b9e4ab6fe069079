/** create_restructuring (docs/api.md): its route, schemas, key, configs, ledger value and examples. */
import { createRestructuringBodySchema } from '../operations/create-restructuring.js';
import { restructuringParamsSchema } from '../operations/params.js';
import { domainEvent, defineOperation, requiredConfig, configRef } from './define-operation.js';
import { createRestructuringResultSchema } from '../responses/lifecycle-results.js';
import { startingOnEffectiveDate } from '../due-dates.js';
import { z } from 'zod';

const dateTime = z.string().meta({ format: 'date-time' });

/** The example request (and, answered, the example result). */
function example() {
  return {
    params: { borrower_id: 'B1', loan_id: 'L1', restructuring_id: 'RS1' },
    body: {
      loan_restructuring: {
        config_id: 'DEFAULT',
        due_dates: ['2024-04-20T23:59:59.999999-05:00', '2024-05-20T23:59:59.999999-05:00', '2024-06-20T23:59:59.999999-05:00', '2024-07-20T23:59:59.999999-05:00'],
        effective_date: '2024-03-20T00:00:00-05:00',
        interest_rate: 0.24,
      },
      occurred_on: '2024-03-20T10:00:00-05:00',
      request_id: 'string',
    },
  };
}

/** `loan.restructured` (docs/events.md). */
export const loanRestructuredEvent = domainEvent('loan.restructured', {
    due_dates: z.array(dateTime),
    fixed_installment_amount: z.number(),
    new_principal: z.number(),
    restructuring_id: z.string(),
  });

export const createRestructuring = defineOperation({
  type: 'create_restructuring',
  path: '/v1/borrowers/:borrower_id/loans/:loan_id/restructurings/:restructuring_id/create',
  summary: 'Restructure loan',
  paramsSchema: restructuringParamsSchema,
  bodySchema: createRestructuringBodySchema,
  borrowerIdOf: (params) => params.borrower_id,
  naturalKeyOf: (p) => [p.borrower_id, p.loan_id, p.restructuring_id],
  configRefsOf: (b) => [configRef('restructurings', 'loan_restructuring.config_id', b.loan_restructuring.config_id)],
  dueDatesOf: (b) => ({ path: 'loan_restructuring', terms: startingOnEffectiveDate(b.loan_restructuring) }),
  toLedger: ({ base, params, body, configs }) => ({ ...base, type: 'create_restructuring', body, loanId: params.loan_id, restructuringId: params.restructuring_id, restructuringConfig: requiredConfig(configs, 'restructurings') }),
  resultSchema: createRestructuringResultSchema,
  events: [loanRestructuredEvent],
  example,
  resultExample: () => {
    const terms = example().body.loan_restructuring;
    return { fixed_installment_amount: 343378.98, id: 'RS1', kordev_id: 2, loan_id: 'L1', loan_restructuring: terms, new_principal: 1313229.6, request_id: 'string' };
  },
});

/** charge_off_loan (docs/api.md): its route, schemas, key, configs, ledger value and examples. */
import { chargeOffLoanBodySchema } from '../operations/charge-off-loan.js';
import { loanParamsSchema } from '../operations/params.js';
import { domainEvent, defineOperation } from './define-operation.js';
import { chargeOffLoanResultSchema } from '../responses/lifecycle-results.js';
import { z } from 'zod';

const dateTime = z.string().meta({ format: 'date-time' });

/** `loan.charged_off` (docs/events.md). */
export const loanChargedOffEvent = domainEvent('loan.charged_off', {
    charged_off_amount: z.number(),
    effective_date: dateTime,
    reason: z.string().nullable(),
  });

export const chargeOffLoan = defineOperation({
  type: 'charge_off_loan',
  path: '/v1/borrowers/:borrower_id/loans/:loan_id/charge_off',
  summary: 'Charge off loan',
  paramsSchema: loanParamsSchema,
  bodySchema: chargeOffLoanBodySchema,
  borrowerIdOf: (params) => params.borrower_id,
  naturalKeyOf: (p) => [p.borrower_id, p.loan_id],
  configRefsOf: () => [],
  toLedger: ({ base, params, body }) => ({ ...base, type: 'charge_off_loan', body, loanId: params.loan_id }),
  resultSchema: chargeOffLoanResultSchema,
  events: [loanChargedOffEvent],
  example: () => ({
    params: { borrower_id: 'B1', loan_id: 'L1' },
    body: { loan_charge_off: { effective_date: '2024-03-20T00:00:00-05:00', reason: 'UNCOLLECTIBLE' }, occurred_on: '2024-03-20T10:00:00-05:00', request_id: 'string' },
  }),
  resultExample: () => ({ charged_off_amount: 1383946.97, effective_date: '2024-03-20T00:00:00-05:00', id: '5d2c8e0a-1b7f-4f0e-8f61-2a9b3c4d5e6f', kordev_id: 2, loan_id: 'L1', request_id: 'string' }),
});

/** cancel_loan (docs/api.md): its route, schemas, key, configs, ledger value and examples. */
import { cancelLoanBodySchema } from '../operations/cancel-loan.js';
import { loanParamsSchema } from '../operations/params.js';
import { domainEvent, defineOperation } from './define-operation.js';
import { cancelLoanResultSchema } from '../responses/seed-results.js';
import { seedResultExamples } from '../examples/responses.js';
import { z } from 'zod';

const dateTime = z.string().meta({ format: 'date-time' });

/** `loan.cancelled` (docs/events.md). */
export const loanCancelledEvent = domainEvent('loan.cancelled', {
    cancellation_date: dateTime.meta({ description: 'As sent, or the recording time' }),
    refunded_to_positive_balance: z.number().meta({ description: 'What had been paid on the loan' }),
  });

export const cancelLoan = defineOperation({
  type: 'cancel_loan',
  path: '/v1/borrowers/:borrower_id/loans/:loan_id/cancel',
  summary: 'Cancel loan',
  paramsSchema: loanParamsSchema,
  bodySchema: cancelLoanBodySchema,
  borrowerIdOf: (params) => params.borrower_id,
  naturalKeyOf: (p) => [p.borrower_id, p.loan_id],
  configRefsOf: () => [],
  toLedger: ({ base, params, body }) => ({ ...base, type: 'cancel_loan', body, loanId: params.loan_id }),
  resultSchema: cancelLoanResultSchema,
  events: [loanCancelledEvent],
  example: () => ({
    params: { borrower_id: 'B1', loan_id: 'L1' },
    body: { loan_cancellation: { effective_date: '2020-02-15T00:00:00-05:00' }, occurred_on: '2020-02-15T10:15:20-05:00', request_id: 'string' },
  }),
  resultExample: () => seedResultExamples.cancel_loan,
});

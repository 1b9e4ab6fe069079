/** create_loan (docs/api.md): its route, schemas, key, configs, ledger value and examples. */
import { createLoanBodySchema, loanDueDates } from '../operations/create-loan.js';
import { loanParamsSchema } from '../operations/params.js';
import { domainEvent, defineOperation, requiredConfig, configRef } from './define-operation.js';
import { createLoanResultSchema } from '../responses/seed-results.js';
import { seedResultExamples } from '../examples/responses.js';
import { z } from 'zod';

const day = z.string().meta({ format: 'date' });
const dateTime = z.string().meta({ format: 'date-time' });

/** `loan.originated` (docs/events.md). */
export const loanOriginatedEvent = domainEvent('loan.originated', {
    amount_financed: z.number(),
    config_id: z.string(),
    delinquency_interest_rate: z.number().meta({ description: 'Applicable (after the usury cap)' }),
    due_dates: z.array(dateTime).meta({ description: 'The end of each due day' }),
    fixed_installment_amount: z.number(),
    installment_amount_at_origination: z.number(),
    interest_rate: z.number().meta({ description: 'Applicable (after the usury cap)' }),
    number_of_installments: z.number().int(),
    origination_date: z.string().meta({ description: 'As sent' }),
    original_loans: z.array(z.string()).nullable().meta({ description: "A consolidation's original loans, else null" }),
    owner: z.string().nullable(),
  });

export const createLoan = defineOperation({
  type: 'create_loan',
  path: '/v1/borrowers/:borrower_id/loans/:loan_id/create',
  summary: 'Create loan',
  paramsSchema: loanParamsSchema,
  bodySchema: createLoanBodySchema,
  borrowerIdOf: (params) => params.borrower_id,
  naturalKeyOf: (p) => [p.borrower_id, p.loan_id],
  configRefsOf: (b) => [configRef('loans', 'loan.config_id', b.loan.config_id)],
  dueDatesOf: (b) => ({ path: 'loan', terms: loanDueDates(b.loan) }),
  usuryTermsOf: (b) => b.loan,
  toLedger: ({ base, params, body, configs }) => ({ ...base, type: 'create_loan', body, loanId: params.loan_id, loanConfig: requiredConfig(configs, 'loans') }),
  resultSchema: createLoanResultSchema,
  events: [loanOriginatedEvent],
  example: () => ({
    params: { borrower_id: 'B1', loan_id: 'L1' },
    body: {
      loan: {
        amount_financed: 163333.34,
        config_id: 'DEFAULT',
        daily_fee_charge: null,
        delinquency_interest_rate: 0.3848,
        due_dates: ['2020-02-01T23:59:59.999999-05:00', '2020-03-01T23:59:59.999999-05:00'],
        guarantee_provider: 'FGA',
        installment_fee_2_charge: null,
        installment_fee_charge: null,
        interest_rate: 0.3848,
        origination_date: '2020-01-01T00:00:00-05:00',
        owner: 'BANK_1',
      },
      occurred_on: '2020-01-01T10:15:20-05:00',
      request_id: 'string',
    },
  }),
  resultExample: () => seedResultExamples.create_loan,
});

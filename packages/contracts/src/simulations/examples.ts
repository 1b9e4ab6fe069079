/** Examples of the read and simulation surface for the OpenAPI document (docs/reads.md figures). */

export const simulateLoansRequestExample = [
  {
    loan: {
      amount_financed: 1200000,
      config_id: 'DEFAULT',
      delinquency_interest_rate: 0.3848,
      due_dates: ['2024-02-15T23:59:59.999999-05:00', '2024-03-15T23:59:59.999999-05:00'],
      installment_fee_charge: 60000,
      interest_rate: 0.3848,
      origination_date: '2024-01-15T00:00:00-05:00',
      owner: 'BANK_1',
    },
    request_id: 'quote-1',
  },
  { loan: { amount_financed: -1, interest_rate: 0.3, delinquency_interest_rate: 0.3, due_dates: [] }, request_id: 'quote-2' },
];

export const simulateLoansResultExample = {
  succeeded: [
    {
      request_id: 'quote-1',
      amortization_plan: [
        { number: 1, start_date: '2024-01-15', end_date: '2024-02-15', principal_payment: 591155.49, interest_payment: 33642.89, installment_fee_payment: 30000, installment_fee_2_payment: 0, daily_fee_payment: 0, total_payment: 654798.38 },
        { number: 2, start_date: '2024-02-15', end_date: '2024-03-15', principal_payment: 608844.51, interest_payment: 15953.86, installment_fee_payment: 30000, installment_fee_2_payment: 0, daily_fee_payment: 0, total_payment: 654798.37 },
      ],
      attributes: { amount_financed: 1200000, config_id: 'DEFAULT', due_dates: ['2024-02-15T23:59:59.999999-05:00', '2024-03-15T23:59:59.999999-05:00'], interest_rate: 0.3848, delinquency_interest_rate: 0.3848, interest_rates: { fixed: { interest_rate: 0.3848, delinquency_interest_rate: 0.3848 }, applicable: { interest_rate: 0.3848, delinquency_interest_rate: 0.3848 } }, origination_date: '2024-01-15T00:00:00-05:00' },
      summary: { fixed_installment_amount: 624798.38, installment_amount_at_origination: 654798.38, total: 1309596.75, total_principal: 1200000, total_interest: 49596.75, total_installment_fee: 60000, total_installment_fee_2: 0, total_daily_fee: 0 },
    },
  ],
  failed: [
    { request_id: 'quote-2', status_code: 400, error_detail: 'Invalid request: loan.amount_financed: Must be at least 0 (and 1 more field)', error: { code: 4000, context: { fields: { 'loan.amount_financed': 'Must be at least 0', 'loan.due_dates': 'Must have at least 1 due date' } }, error: 'Invalid request: loan.amount_financed: Must be at least 0 (and 1 more field)', status: 'Bad Request' } },
  ],
};

export const simulateBorrowerRequestExample = {
  calculation_date: '2024-03-20',
  payments: [{ payment_id: 'P9', amount_paid: 150000, payment_date: '2024-02-25T12:00:00-05:00' }],
  allocations: [{ payment_id: 'P9', payment_allocations: [{ loan_id: 'L1', amount: 150000 }] }],
  waivers: [{ loan_id: 'L1', waiver_id: 'W9', bucket: 'installment_fee', type: 'amount', amount: 5000, effective_date: '2024-03-01T00:00:00-05:00' }],
  restructurings: [],
  request_id: 'what-if-1',
};

export { borrowerEventsExample } from '../examples/reads.js';

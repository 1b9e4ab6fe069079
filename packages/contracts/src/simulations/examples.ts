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

export const borrowerEventsExample = {
  borrower_id: 'B1',
  events: {
    loan_originated: [
      { id: '7b0c6d55-2d1e-4d8e-9a53-0f4f4a1f6a10', occurred_on: '2024-01-15T15:15:20.000Z', effective_date: '2024-01-15', operation_id: '0d4c0d1e-8d54-4a0e-b3f8-5f7d8f0e9a11', loan_id: 'L1', kordev_id: 1, amount_financed: 1200000, fixed_installment_amount: 219630.19, installment_amount_at_origination: 229630.19, interest_rate: 0.3848, number_of_installments: 6, back_dated: false, replayed_operations: 0 },
    ],
    payment_applied: [
      { id: '1c9e4f6a-3b2d-4c8e-8f1a-2b3c4d5e6f70', occurred_on: '2024-02-25T17:00:00.000Z', effective_date: '2024-02-25', operation_id: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9', kordev_id: 2, payment_id: 'P1', amount_paid: 150000, positive_balance_amount: 0, applied_allocations: [{ loan_id: 'L1', amount: 150000, buckets: { principal: 104863.45, interest: 33642.89, installment_fee: 10000, delinquency_interest: 1493.66 } }], back_dated: false, replayed_operations: 0 },
    ],
    loan_cancelled: [], loan_consolidated: [], loan_restructured: [], loan_charged_off: [], loan_paid_off: [], loan_ownership_transferred: [], payment_reversed: [], waiver_applied: [], positive_balance_reimbursed: [],
  },
  limit: 100,
  next_cursor: null,
};

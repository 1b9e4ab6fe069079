// The seeds' example requests, with valid values where the seed's are placeholders.

import { exampleRequest, type CreateLoanBody } from '../src/index.js';

/** The create-loan seed: the contracts' example request, with the seed's placeholder config id. */
export const createLoanSeed = (): CreateLoanBody & { loan: { config_id: string } } => {
  const body = exampleRequest('create_loan').body as CreateLoanBody;
  return { ...body, loan: { ...body.loan, config_id: 'string' } };
};

/** The seed's own example, verbatim: two dates in one string. */
export const createLoanSeedMalformed = () => {
  const body = createLoanSeed();
  body.loan.due_dates = ['2020-02-01T23:59:59.999999-05:00, 2020-03-01T23:59:59.999999-05:00'];
  return body;
};

export const cancelLoanSeed = () => ({
  loan_cancellation: { effective_date: '2020-06-01T00:00:00-05:00' },
  occurred_on: '2020-01-01T10:15:20-05:00',
  request_id: 'string',
});

export const createWaiverSeed = () => ({
  occurred_on: '2020-01-01T10:15:20-05:00',
  request_id: 'string',
  waiver: {
    amount: 163333.34 as number | null,
    bucket: 'all',
    config_id: 'DEFAULT_WAIVER_CONFIG',
    effective_date: '2020-01-01T00:00:00-05:00',
    percentage: 0.2 as number | null,
    reason: 'DEFAULT',
    type: 'percentage',
  },
});

export const createConsolidationSeed = () => ({
  loan_consolidation: {
    consolidation_config: 'string',
    daily_fee_charge: null,
    delinquency_interest_rate: 42.0,
    due_dates: ['2025-06-04T09:42:00Z'],
    effective_date: '2025-05-04T09:42:00Z',
    interest_rate: 42.0,
    loan_config: 'string',
    original_loans: ['string'],
    owner: 'BANK_1',
  },
  occurred_on: '2020-01-01T10:15:20-05:00',
  request_id: 'string',
});

export const transferItemSeed = () => ({
  borrower_id: 'string',
  loan_id: 'string',
  occurred_on: '2020-01-01T10:15:20-05:00',
  ownership_transfer: { effective_date: '2020-01-01T00:00:00-05:00', new_owner: 'string' },
  request_id: 'string',
});

export const createPaymentSeed = () => ({
  payment: { amount_paid: 0.3, config_id: null, payment_date: '2020-02-01T10:00:00-05:00' },
  payment_allocations: [
    { loan_id: 'L1', amount: 0.1 },
    { loan_id: 'L2', amount: 0.2 },
  ] as Array<{ loan_id: string; amount: number }> | null,
  occurred_on: '2020-02-01T10:00:00-05:00',
  request_id: 'pay-1',
});

export const loanParams = { borrower_id: 'B1', loan_id: 'L1' };

import { BUCKET_TYPES } from '@lsl/ledger';
// Examples of the answers, as a running system gave them. The OpenAPI document shows them;
// `redocly lint` (packages/contracts/test/openapi-lint.test.ts) checks each against its schema.

/** The create-loan seed body of the examples' loan. */
const createLoanResultExample = {
  amount_financed: 1000000,
  config_id: 'DEFAULT',
  daily_fee_charge: null,
  delinquency_interest_rate: 0.3848,
  due_dates: ['2024-02-15T23:59:59.999999-05:00', '2024-03-15T23:59:59.999999-05:00'],
  guarantee_provider: 'FGA',
  id: 'L1',
  installment_fee_2_charge: null,
  installment_fee_charge: null,
  interest_rate: 0.3848,
  kordev_id: 1,
  origination_date: '2024-01-15T00:00:00-05:00',
  owner: 'BANK_1',
  request_id: 'r-1',
};

/** One transfer's result: an item of the transfer batch's 207. */
const transferResultExample = {
  id: 'L1',
  kordev_id: 3,
  new_owner: 'BANK_2',
  occurred_on: '2024-02-20T10:00:00-05:00',
  request_id: 'r-3',
  transferred_amounts: {
    installment_fee: { current: 0, overdue: 0, total: 0, unpaid: 0 },
    interest: { current: 13294.88, overdue: 0, total: 13294.88, unpaid: 13294.88 },
    principal: { current: 507370.44, overdue: 220665.31, total: 728035.75, unpaid: 728035.75 },
  },
};

/** 202 of a submission. */
export const operationAcceptedExample = {
  operation_id: 'd0d47874-7838-443e-8b66-899f570e1bea',
  status: 'queued',
  type: 'create_loan',
  borrower_id: 'B1',
  request_id: 'r-1',
  status_url: '/v1/operations/d0d47874-7838-443e-8b66-899f570e1bea',
};

/** GET /v1/operations/{id} of a finished create loan. */
export const operationStatusExample = {
  id: 'd0d47874-7838-443e-8b66-899f570e1bea',
  type: 'create_loan',
  status: 'succeeded',
  borrower_id: 'B1',
  request_id: 'r-1',
  accepted_at: '2026-11-30T08:22:12.780Z',
  completed_at: '2026-11-30T08:22:12.896Z',
  result: {
    status_code: 200,
    body: createLoanResultExample,
  },
};

/** 202 of a transfer batch. */
export const batchAcceptedExample = {
  batch_id: '90953c20-4120-4e26-b15c-8ecacd6c71c2',
  status: 'queued',
  status_url: '/v1/batches/90953c20-4120-4e26-b15c-8ecacd6c71c2',
  items: [
    {
      index: 0,
      operation_id: '30b56dd0-26d7-4a7c-997c-9d322c246363',
      borrower_id: 'B1',
      request_id: 'r-3',
      status: 'queued',
    },
  ],
};

/** GET /v1/batches/{id} once every item finished. */
export const batchStatusExample = {
  succeeded: [transferResultExample],
  failed: [],
};

/** The 200 bodies (the seed bodies) under `Prefer: wait`, by operation type. */
export const seedResultExamples = {
  create_loan: createLoanResultExample,
  cancel_loan: {
    effective_date: '2024-02-22T00:00:00-05:00',
    id: 'd8918cb2-8389-4f28-aef3-32f5c63d3947',
    kordev_id: 5,
    loan_id: 'L1',
    request_id: 'r-5',
  },
  create_waiver: {
    amount: 1000,
    bucket: 'interest',
    config_id: 'DEFAULT',
    effective_date: '2024-02-21T00:00:00-05:00',
    id: 'W1',
    kordev_id: 4,
    loan_id: 'L1',
    percentage: null,
    reason: 'DEFAULT',
    request_id: 'r-4',
    type: 'amount',
  },
  create_payment: {
    applied_allocations: [
      {
        loan_id: 'L1',
        amount: 300000,
        buckets: {
          principal: 271964.25,
          interest: 28035.75,
          installment_fee: 0,
          installment_fee_2: 0,
          delinquency_interest: 0,
          daily_fee: 0,
          late_fee: 0,
        },
      },
    ],
    id: 'P1',
    kordev_id: 2,
    payment: { amount_paid: 300000, config_id: null, payment_date: '2024-02-10T12:00:00-05:00' },
    payment_allocations: null,
    positive_balance_amount: 0,
    request_id: 'r-2',
  },
  transfer_ownership: transferResultExample,
};

/** GET /v1/configs/{kind}/DEFAULT. */
export const configExamples = {
  loans: {
    usury_rate: null,
    usury_behavior: 'cap',
    late_fee_amount: null,
    late_fee_grace_days: 0,
    daily_fee_max_charge: null,
    id: 'DEFAULT',
    version: 1,
    created_at: '2026-11-30T08:22:12.378Z',
  },
  payments: {
    allocation_order: [...BUCKET_TYPES],
    id: 'DEFAULT',
    version: 1,
    created_at: '2026-11-30T08:22:12.381Z',
  },
  waivers: { id: 'DEFAULT', version: 1, created_at: '2026-11-30T08:22:12.383Z' },
  consolidations: {
    waivers: [],
    carried_buckets: [...BUCKET_TYPES],
    id: 'DEFAULT',
    version: 1,
    created_at: '2026-11-30T08:22:12.385Z',
  },
  restructurings: {
    waivers: [],
    carried_buckets: [...BUCKET_TYPES],
    id: 'DEFAULT',
    version: 1,
    created_at: '2026-11-30T08:22:12.387Z',
  },
};

/** GET /readyz when every check passes. */
export const readyExample = { status: 'ready', checks: { postgres: 'ok', queue: 'ok', migrations: 'ok' } };

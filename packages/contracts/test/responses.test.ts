import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  batchAcceptedSchema,
  batchStatusSchema,
  cancelLoanResultSchema,
  createConsolidationResultSchema,
  createLoanResultSchema,
  createWaiverResultSchema,
  errorBodySchema,
  operationAcceptedSchema,
  operationStatusSchema,
  transferResultSchema,
} from '../src/index.js';

// The seeds' 200/207 examples (due dates made valid).
const loanResult = {
  amount_financed: 163333.34, config_id: 'string', daily_fee_charge: null, delinquency_interest_rate: 0.3848,
  due_dates: ['2020-02-01T23:59:59.999999-05:00', '2020-03-01T23:59:59.999999-05:00'], guarantee_provider: 'FGA', id: 'string',
  installment_fee_2_charge: null, installment_fee_charge: null, interest_rate: 0.3848, kordev_id: 42,
  origination_date: '2020-01-01T00:00:00-05:00', owner: 'BANK_1', request_id: 'string',
};
const transfer207 = {
  failed: [{ borrower_id: 'string', error_detail: 'string', request_id: 'string', status_code: 42 }],
  succeeded: [{
    id: 'string', kordev_id: 42, new_owner: 'string', occurred_on: '2025-05-04T09:42:00Z', request_id: 'string',
    transferred_amounts: {
      installment_fee: { current: 42.0, overdue: 42.0, total: 42.0, unpaid: 42.0 },
      interest: { current: 42.0, overdue: 42.0, total: 42.0, unpaid: 42.0 },
      principal: { current: 42.0, overdue: 42.0, total: 42.0, unpaid: 42.0 },
    },
  }],
};

describe('response schemas accept the seed bodies', () => {
  it('create loan 200', () => assert.ok(createLoanResultSchema.safeParse(loanResult).success));
  it('cancel loan 200', () => assert.ok(cancelLoanResultSchema.safeParse({ effective_date: '2020-01-01T00:00:00-05:00', id: null, kordev_id: 3, loan_id: 'L1', request_id: 'string' }).success));
  it('create waiver 200', () => assert.ok(createWaiverResultSchema.safeParse({ amount: 163333.34, bucket: 'all', config_id: 'DEFAULT_WAIVER_CONFIG', effective_date: '2020-01-01T00:00:00-05:00', id: 'string', kordev_id: 42, loan_id: 'string', percentage: 0.2, reason: 'DEFAULT', request_id: 'string', type: 'percentage' }).success));
  it('create consolidation 200', () => assert.ok(createConsolidationResultSchema.safeParse({ id: 'string', kordev_id: 42, loan_consolidation: { consolidation_config: 'string', daily_fee_charge: null, delinquency_interest_rate: 42.0, due_dates: ['2025-06-04T09:42:00Z'], effective_date: '2025-05-04T09:42:00Z', interest_rate: 42.0, loan_config: 'string', original_loans: ['string'], owner: 'BANK_1' }, request_id: 'string' }).success));
  it('transfer 207', () => {
    assert.ok(transferResultSchema.safeParse(transfer207).success);
    assert.ok(batchStatusSchema.safeParse(transfer207).success);
    assert.ok(batchStatusSchema.safeParse({ ...transfer207, pending: [{ index: 2, operation_id: 'op', borrower_id: 'B', request_id: null, status: 'queued' }] }).success);
  });
  it('error body', () => {
    assert.ok(errorBodySchema.safeParse({ code: 42, context: {}, error: 'string', status: 'string' }).success);
    assert.ok(!errorBodySchema.safeParse({ code: '42', context: {}, error: 'string', status: 'string' }).success);
  });
});

describe('asynchronous protocol bodies', () => {
  it('202 accepted', () => {
    assert.ok(operationAcceptedSchema.safeParse({ operation_id: 'op1', status: 'queued', type: 'create_loan', borrower_id: 'B1', request_id: 'r', status_url: '/v1/operations/op1' }).success);
    assert.ok(!operationAcceptedSchema.safeParse({ operation_id: 'op1', status: 'queued', type: 'make_loan', borrower_id: 'B1', request_id: 'r', status_url: '/v1/operations/op1' }).success);
  });
  it('operation status, pending and finished', () => {
    const base = { id: 'op1', type: 'create_loan', borrower_id: 'B1', request_id: null, accepted_at: '2026-01-01T00:00:00Z' };
    assert.ok(operationStatusSchema.safeParse({ ...base, status: 'queued', completed_at: null, result: null }).success);
    assert.ok(operationStatusSchema.safeParse({ ...base, status: 'succeeded', completed_at: '2026-01-01T00:00:01Z', result: { status_code: 200, body: loanResult } }).success);
    assert.ok(operationStatusSchema.safeParse({ ...base, status: 'failed', completed_at: '2026-01-01T00:00:01Z', result: { status_code: 404, body: { code: 4040, context: {}, error: 'Loan not found', status: 'Not Found' } } }).success);
  });
  it('batch accepted', () => {
    assert.ok(batchAcceptedSchema.safeParse({
      batch_id: 'b1', status: 'queued', status_url: '/v1/batches/b1',
      items: [
        { index: 0, operation_id: 'op1', borrower_id: 'B1', request_id: 'r0', status: 'queued' },
        { index: 1, operation_id: null, borrower_id: null, request_id: null, status: 'failed', error: { code: 4000, context: { fields: {} }, error: 'x', status: 'Bad Request' } },
      ],
    }).success);
  });
});

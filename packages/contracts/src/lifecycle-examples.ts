/**
 * Example requests and results of the lifecycle operations (docs/ledger.md), for the OpenAPI
 * document, tests and demos. The results are what the ledger answers to the requests on the
 * worked example of docs/ledger.md (the figures of its sections). Each call returns a fresh copy.
 */
export type LifecycleType = 'reverse_payment' | 'create_reimbursement' | 'charge_off_loan' | 'create_restructuring';

export function lifecycleExampleRequest(type: LifecycleType): { params: Record<string, string>; body: unknown } {
  switch (type) {
    case 'reverse_payment':
      return {
        params: { borrower_id: 'B1', payment_id: 'P1' },
        body: { payment_reversal: { reason: 'NSF' }, occurred_on: '2024-03-05T10:00:00-05:00', request_id: 'string' },
      };
    case 'create_reimbursement':
      return {
        params: { borrower_id: 'B1', reimbursement_id: 'RB1' },
        body: { reimbursement: { effective_date: '2024-01-25T00:00:00-05:00', value: 200 }, occurred_on: '2024-01-25T10:00:00-05:00', request_id: 'string' },
      };
    case 'charge_off_loan':
      return {
        params: { borrower_id: 'B1', loan_id: 'L1' },
        body: { loan_charge_off: { effective_date: '2024-03-20T00:00:00-05:00', reason: 'UNCOLLECTIBLE' }, occurred_on: '2024-03-20T10:00:00-05:00', request_id: 'string' },
      };
    case 'create_restructuring':
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
}

export function lifecycleExampleResult(type: LifecycleType): Record<string, unknown> {
  switch (type) {
    case 'reverse_payment':
      return { id: '0b6f7c1e-8d0a-4a57-9a43-3c1f0e7d9a11', kordev_id: 3, payment_id: 'P1', reason: 'NSF', request_id: 'string', reversed_amount: 100000 };
    case 'create_reimbursement':
      return { id: 'RB1', kordev_id: 3, positive_balance_after: 300, reimbursement: { effective_date: '2024-01-25T00:00:00-05:00', value: 200 }, request_id: 'string' };
    case 'charge_off_loan':
      return { charged_off_amount: 1383946.97, effective_date: '2024-03-20T00:00:00-05:00', id: '5d2c8e0a-1b7f-4f0e-8f61-2a9b3c4d5e6f', kordev_id: 2, loan_id: 'L1', request_id: 'string' };
    case 'create_restructuring': {
      const request = lifecycleExampleRequest('create_restructuring').body as { loan_restructuring: unknown };
      return { fixed_installment_amount: 343378.98, id: 'RS1', kordev_id: 2, loan_id: 'L1', loan_restructuring: request.loan_restructuring, new_principal: 1313229.6, request_id: 'string' };
    }
  }
}

/** A cancel-loans batch (`POST /v1/borrowers/loans/cancel`) of two loans. */
export function cancelLoansBatchExample(): unknown[] {
  return [
    { borrower_id: 'B1', loan_cancellation: { loan_id: 'L1', effective_date: '2024-02-15T00:00:00-05:00', reason: 'CUSTOMER_REQUEST' }, occurred_on: '2024-02-15T10:00:00-05:00', request_id: 'c1' },
    { borrower_id: 'B2', loan_cancellation: { loan_id: 'L7' }, occurred_on: '2024-02-15T10:00:00-05:00', request_id: 'c2' },
  ];
}

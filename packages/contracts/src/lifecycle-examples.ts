/**
 * Example requests and results of the lifecycle operations (docs/ledger.md), for tests and
 * demos: their declarations' (`src/registry/`). The results are what the ledger answers to the
 * requests on the worked example of docs/ledger.md. Each call returns a fresh copy.
 */
import { OPERATION_REGISTRY } from './registry/registry.js';
import type { OperationExample } from './registry/define-operation.js';

export type LifecycleType = 'reverse_payment' | 'create_reimbursement' | 'charge_off_loan' | 'create_restructuring';

/** The example request of a lifecycle operation (its declaration's, `src/registry/`). */
export function lifecycleExampleRequest(type: LifecycleType): OperationExample {
  return OPERATION_REGISTRY[type].example();
}

/** The example result of a lifecycle operation (its declaration's). */
export function lifecycleExampleResult(type: LifecycleType): unknown {
  return OPERATION_REGISTRY[type].resultExample();
}

/** A cancel-loans batch (`POST /v1/borrowers/loans/cancel`) of two loans. */
export function cancelLoansBatchExample(): unknown[] {
  return [
    { borrower_id: 'B1', loan_cancellation: { loan_id: 'L1', effective_date: '2024-02-15T00:00:00-05:00', reason: 'CUSTOMER_REQUEST' }, occurred_on: '2024-02-15T10:00:00-05:00', request_id: 'c1' },
    { borrower_id: 'B2', loan_cancellation: { loan_id: 'L7' }, occurred_on: '2024-02-15T10:00:00-05:00', request_id: 'c2' },
  ];
}

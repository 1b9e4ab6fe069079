import { apply, emptyState, historyOf, statusAt, type BorrowerState, type LedgerOperation } from '@lsl/ledger';
import { DEFAULT_CONFIGS } from '../configs.js';

// A borrower read back: one loan of two installments and one payment, computed by the ledger
// itself so that the documented examples follow every change of the read bodies.

const LEDGER = { timeZone: 'America/Bogota' };
const CALCULATION_DATE = '2024-02-20';

function exampleBorrower(): BorrowerState {
  const operations: LedgerOperation[] = [
    {
      type: 'create_loan',
      seq: 1,
      operationId: 'd0d47874-7838-443e-8b66-899f570e1bea',
      recordedAt: '2024-01-15T10:00:00-05:00',
      requestId: 'r1',
      loanId: 'L1',
      loanConfig: { id: 'DEFAULT', version: 1, ...DEFAULT_CONFIGS.loans },
      body: {
        loan: {
          amount_financed: 1000000,
          config_id: 'DEFAULT',
          delinquency_interest_rate: 0.3848,
          due_dates: ['2024-02-15T23:59:59.999999-05:00', '2024-03-15T23:59:59.999999-05:00'],
          interest_rate: 0.3848,
          origination_date: '2024-01-15T00:00:00-05:00',
          owner: 'BANK_1',
        },
        occurred_on: '2024-01-15T10:00:00-05:00',
        request_id: 'r1',
      },
    },
    {
      type: 'create_payment',
      seq: 2,
      operationId: '4f0c3a8e-2b1d-4d6f-9e7a-5c8b1a2d3e4f',
      recordedAt: '2024-02-10T10:00:00-05:00',
      requestId: 'r2',
      paymentId: 'P1',
      paymentConfig: { id: 'DEFAULT', version: 1, ...DEFAULT_CONFIGS.payments },
      body: {
        payment: { amount_paid: 300000, config_id: null, payment_date: '2024-02-10T10:00:00-05:00' },
        payment_allocations: null,
        occurred_on: '2024-02-10T10:00:00-05:00',
        request_id: 'r2',
      },
    },
  ];
  return operations.reduce((state, op) => apply(state, op, LEDGER).state, emptyState('B1'));
}

const borrower = exampleBorrower();
const history = historyOf(borrower, LEDGER, CALCULATION_DATE);

/** GET /v1/borrowers/B1/get_status?calculation_date=2024-02-20&request_id=status-1. */
export const borrowerStatusExample = { request_id: 'status-1', ...JSON.parse(JSON.stringify(statusAt(borrower, CALCULATION_DATE, LEDGER))) };

/** GET /v1/borrowers/B1/get_history?calculation_date=2024-02-20&limit=3. */
export const borrowerHistoryExample = {
  borrower_id: 'B1',
  calculation_date: CALCULATION_DATE,
  total: history.length,
  offset: 0,
  limit: 3,
  next_offset: 3,
  next_cursor: '3',
  records: JSON.parse(JSON.stringify(history.slice(0, 3))),
};

/**
 * POST /v1/borrowers/B1/simulate with `simulateBorrowerRequestExample`: the example borrower
 * plus payment P9 and waiver W9, applied in memory, read on 2024-03-20.
 */
export const simulateBorrowerResultExample = (() => {
  const whatIf: LedgerOperation[] = [
    {
      type: 'create_payment',
      seq: 3,
      operationId: 'simulated-1',
      recordedAt: '2024-02-25T12:00:00-05:00',
      requestId: 'what-if-1',
      paymentId: 'P9',
      paymentConfig: { id: 'DEFAULT', version: 1, ...DEFAULT_CONFIGS.payments },
      body: {
        payment: { amount_paid: 150000, payment_date: '2024-02-25T12:00:00-05:00' },
        payment_allocations: [{ loan_id: 'L1', amount: 150000 }],
        request_id: 'what-if-1',
      },
    },
    {
      type: 'create_waiver',
      seq: 4,
      operationId: 'simulated-2',
      recordedAt: '2024-03-01T00:00:00-05:00',
      requestId: 'what-if-1',
      loanId: 'L1',
      waiverId: 'W9',
      waiverConfig: null,
      body: {
        waiver: { bucket: 'installment_fee', type: 'amount', amount: 5000, effective_date: '2024-03-01T00:00:00-05:00' },
        request_id: 'what-if-1',
      },
    },
  ];
  let state = borrower;
  const simulated: Array<Record<string, unknown>> = [];
  for (const op of whatIf) {
    const out = apply(state, op, LEDGER);
    state = out.state;
    simulated.push({ type: op.type, id: op.type === 'create_payment' ? op.paymentId : op.type === 'create_waiver' ? op.waiverId : null, status_code: out.result.statusCode, body: out.result.body });
  }
  return {
    request_id: 'what-if-1',
    ...JSON.parse(JSON.stringify(statusAt(state, '2024-03-20', LEDGER))),
    pending_operations: 0,
    simulated_operations: JSON.parse(JSON.stringify(simulated)),
  };
})();

import { apply, emptyState, historyOf, statusAt, type BorrowerState, type LedgerEvent, type LedgerOperation } from '@lsl/ledger';
import { DOMAIN_EVENT_GROUPS, eventGroupOf } from '../responses/events.js';
import { DEFAULT_CONFIGS } from '../configs.js';

// A borrower read back: one loan of two installments, a promise to pay and the payment that
// keeps it, computed by the ledger
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
      type: 'create_promise',
      seq: 2,
      operationId: '9b2e6d41-7c3a-4f58-a1d0-3e5f7a9c2b64',
      recordedAt: '2024-02-01T10:00:00-05:00',
      requestId: 'r-promise',
      promiseId: 'PR1',
      body: { promise: { amount: 250000, due_date: '2024-02-12', loan_id: 'L1' }, occurred_on: '2024-02-01T10:00:00-05:00', request_id: 'r-promise' },
    },
    {
      type: 'create_payment',
      seq: 3,
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
  let state = emptyState('B1');
  for (const op of operations) {
    const out = apply(state, op, LEDGER);
    state = out.state;
    if (out.result.ok) for (const event of out.result.events ?? []) exampleEvents.push({ ...event, operationId: op.operationId, recordedAt: op.recordedAt });
  }
  return state;
}

/** The domain events the example borrower's operations produced (docs/events.md). */
const exampleEvents: Array<LedgerEvent & { operationId: string; recordedAt: string }> = [];
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

/** GET /v1/borrowers/B1/get_events: the example borrower's events as the route lists them (envelope, then payload). */
export const borrowerEventsExample = (() => {
  const events: Record<string, unknown[]> = Object.fromEntries(DOMAIN_EVENT_GROUPS.map((g) => [g, []]));
  exampleEvents.forEach((e, i) => {
    const { effective_date: _shadowed, ...payload } = e.payload;
    events[eventGroupOf(e.type)]?.push({
      id: `7b0c6d55-2d1e-4d8e-9a53-0f4f4a1f6a1${i}`,
      occurred_on: new Date(e.recordedAt).toISOString(),
      effective_date: e.effective_date,
      operation_id: e.operationId,
      ...(e.loan_id === null ? {} : { loan_id: e.loan_id }),
      ...JSON.parse(JSON.stringify(payload)),
    });
  });
  return { borrower_id: 'B1', events, limit: 100, next_cursor: null };
})();

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

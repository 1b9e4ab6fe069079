import type { OperationType } from '../operations/catalog.js';
import { lifecycleExampleRequest } from '../lifecycle-examples.js';

/**
 * The seeds' example requests with valid values (the create-loan seed's own example puts two
 * dates in one string, which is a 400; here they are two elements). Used in the OpenAPI
 * document; handy for tests and demos. Each call returns a fresh copy.
 */
export function exampleRequest(type: OperationType): { params: Record<string, string>; body: unknown } {
  switch (type) {
    case 'create_loan':
      return {
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
      };
    case 'cancel_loan':
      return {
        params: { borrower_id: 'B1', loan_id: 'L1' },
        body: { loan_cancellation: { effective_date: '2020-02-15T00:00:00-05:00' }, occurred_on: '2020-02-15T10:15:20-05:00', request_id: 'string' },
      };
    case 'create_waiver':
      return {
        params: { borrower_id: 'B1', loan_id: 'L1', waiver_id: 'W1' },
        body: {
          occurred_on: '2020-01-01T10:15:20-05:00',
          request_id: 'string',
          waiver: {
            amount: 163333.34,
            bucket: 'all',
            config_id: 'DEFAULT',
            effective_date: '2020-01-01T00:00:00-05:00',
            percentage: 0.2,
            reason: 'DEFAULT',
            type: 'percentage',
          },
        },
      };
    case 'create_consolidation':
      return {
        params: { borrower_id: 'B1', consolidation_id: 'C1' },
        body: {
          loan_consolidation: {
            consolidation_config: 'DEFAULT',
            daily_fee_charge: null,
            delinquency_interest_rate: 0.3848,
            due_dates: ['2025-06-04T09:42:00Z', '2025-07-04T09:42:00Z'],
            effective_date: '2025-05-04T09:42:00Z',
            interest_rate: 0.3848,
            loan_config: 'DEFAULT',
            original_loans: ['L1', 'L2'],
            owner: 'BANK_1',
          },
          occurred_on: '2020-01-01T10:15:20-05:00',
          request_id: 'string',
        },
      };
    case 'transfer_ownership':
      return {
        params: {},
        body: [
          {
            borrower_id: 'B1',
            loan_id: 'L1',
            occurred_on: '2020-01-01T10:15:20-05:00',
            ownership_transfer: { effective_date: '2020-01-01T00:00:00-05:00', new_owner: 'BANK_2' },
            request_id: 'string',
          },
        ],
      };
    case 'create_payment':
      return {
        params: { borrower_id: 'B1', payment_id: 'P1' },
        body: {
          payment: { amount_paid: 250000, config_id: null, payment_date: '2020-02-01T10:00:00-05:00' },
          payment_allocations: [{ loan_id: 'L1', amount: 250000 }],
          occurred_on: '2020-02-01T10:00:00-05:00',
          request_id: 'string',
        },
      };
    case 'reverse_payment':
    case 'create_reimbursement':
    case 'charge_off_loan':
    case 'create_restructuring':
      return lifecycleExampleRequest(type);
  }
}

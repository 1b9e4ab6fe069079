/** Recorded operations for the portfolio tests: loans with due dates in the past, payments. */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { insertOperationWithSeq, type AcceptOperationInput, type Database } from '@lsl/db';
import type { OperationType } from '@lsl/ledger';

export const LEDGER = { timeZone: 'America/Bogota' };
export const LOAN_CONFIG = { id: 'DEFAULT', version: 1, usury_rate: null, usury_behavior: 'cap', daily_fee_max_charge: null, late_fee_amount: null, late_fee_grace_days: 0 };
const PAYMENT_CONFIG = { id: 'DEFAULT', version: 1, allocation_order: ['late_fee', 'daily_fee', 'delinquency_interest', 'installment_fee_2', 'installment_fee', 'interest', 'principal'] };

const eod = (day: string) => `${day}T23:59:59.999999-05:00`;
const at10 = (day: string) => `${day}T10:00:00-05:00`;

function record(borrowerId: string, type: OperationType, naturalKey: string, params: Record<string, string>, body: { occurred_on: string }, configs: object): AcceptOperationInput {
  return {
    id: randomUUID(), borrower_id: borrowerId, type, natural_key: naturalKey, request_hash: 'h', idempotency_key: null,
    params: { borrower_id: borrowerId, ...params }, body, is_migration: true,
    recorded_at: body.occurred_on, request_id: null, configs, batch_id: null, batch_index: null,
  };
}

export interface LoanInput {
  loanId: string;
  origination: string;
  dues: string[];
  owner?: string;
  amount?: number;
  loanConfig?: object;
}

export async function createLoan(db: Kysely<Database>, borrowerId: string, loan: LoanInput): Promise<void> {
  const body = {
    loan: {
      amount_financed: loan.amount ?? 1200000, config_id: 'DEFAULT', daily_fee_charge: null, delinquency_interest_rate: 0.3848,
      due_dates: loan.dues.map(eod), guarantee_provider: null, installment_fee_2_charge: null, installment_fee_charge: null,
      interest_rate: 0.3848, origination_date: `${loan.origination}T00:00:00-05:00`, owner: loan.owner ?? 'BANK_1',
    },
    occurred_on: at10(loan.origination),
    request_id: null,
  };
  await insertOperationWithSeq(db, record(borrowerId, 'create_loan', `create_loan/${loan.loanId}`, { loan_id: loan.loanId }, body, { loans: { ...LOAN_CONFIG, ...loan.loanConfig } }));
}

export async function pay(db: Kysely<Database>, borrowerId: string, paymentId: string, amount: number, day: string, loanId?: string): Promise<void> {
  const body = {
    payment: { amount_paid: amount, config_id: null, payment_date: at10(day) },
    payment_allocations: loanId === undefined ? null : [{ loan_id: loanId, amount }],
    occurred_on: at10(day),
    request_id: null,
  };
  await insertOperationWithSeq(db, record(borrowerId, 'create_payment', `create_payment/${paymentId}`, { payment_id: paymentId }, body, { payments: PAYMENT_CONFIG }));
}

/** Noon of `day` in the ledger's time zone (Bogotá, UTC−5), as the injected clock. */
export const noonOf = (day: string) => new Date(`${day}T12:00:00-05:00`);

/** A promise to pay made on `day` (docs/ledger.md "Promise to pay"). */
export async function promise(db: Kysely<Database>, borrowerId: string, promiseId: string, day: string, terms: { amount: number; due_date: string; loan_id?: string }): Promise<void> {
  const body = { promise: terms, occurred_on: at10(day), request_id: null };
  await insertOperationWithSeq(db, record(borrowerId, 'create_promise', `create_promise/${promiseId}`, { promise_id: promiseId }, body, {}));
}

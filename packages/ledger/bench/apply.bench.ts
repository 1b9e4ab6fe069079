/**
 * Micro-benchmark for issue 3 item 3: applying one more (not back-dated) operation must not
 * cost more on a borrower with a long history. A borrower with 10 loans of 24 monthly
 * installments gets N prior payments (one a day, round-robin over the loans); then the same
 * next payment is applied to that state repeatedly (apply is pure, so the state is reused).
 * Also reports a back-dated apply and the serialized size.
 */
import { performance } from 'node:perf_hooks';
import type { CreateLoanOperation, CreatePaymentOperation, LedgerOperation, LedgerOptions } from '../src/api.js';
import { apply, emptyState, serializeState, type BorrowerState } from '../src/index.js';

const options: LedgerOptions = { timeZone: 'America/Bogota' };
const LOANS = 10;
const DAY_MS = 86_400_000;
const START = Date.UTC(2024, 0, 1);

function day(offset: number): string {
  return new Date(START + offset * DAY_MS).toISOString().slice(0, 10);
}

function loanOp(seq: number, i: number): CreateLoanOperation {
  const due = Array.from({ length: 24 }, (_, k) => `${new Date(Date.UTC(2024, 1 + k, 1)).toISOString().slice(0, 10)}T00:00:00-05:00`);
  return {
    type: 'create_loan', seq, operationId: `op-${seq}`, recordedAt: '2024-01-01T12:00:00Z', loanId: `L${i}`,
    loanConfig: { id: 'DEFAULT', version: 1, usury_rate: null, usury_behavior: 'cap', daily_fee_max_charge: 50000, late_fee_amount: 5000, late_fee_grace_days: 3 },
    body: { loan: { amount_financed: 10_000_000, config_id: 'DEFAULT', daily_fee_charge: 50, delinquency_interest_rate: 0.3848, due_dates: due, installment_fee_charge: 24000, interest_rate: 0.3, origination_date: '2024-01-01T00:00:00-05:00', owner: 'BANK_1' }, request_id: `r${seq}` },
  };
}

function paymentOp(seq: number, dayOffset: number, loan: number | null): CreatePaymentOperation {
  return {
    type: 'create_payment', seq, operationId: `op-${seq}`, recordedAt: '2024-01-01T12:00:00Z', paymentId: `P${seq}`,
    paymentConfig: { id: 'DEFAULT', version: 1, allocation_order: ['late_fee', 'daily_fee', 'delinquency_interest', 'installment_fee_2', 'installment_fee', 'interest', 'principal'] },
    body: { payment: { amount_paid: 100000, config_id: null, payment_date: `${day(dayOffset)}T10:00:00-05:00` }, payment_allocations: loan === null ? null : [{ loan_id: `L${loan}`, amount: 100000 }], request_id: `r${seq}` },
  };
}

function borrowerWith(prior: number): { state: BorrowerState; nextSeq: number; lastDay: number } {
  let state = emptyState('BENCH');
  let seq = 0;
  for (let i = 0; i < LOANS; i++) state = apply(state, loanOp(++seq, i), options).state;
  let dayOffset = 0;
  for (let k = 0; k < prior - LOANS; k++) {
    dayOffset = Math.floor(k / 2) + 1; // two payments a day
    state = apply(state, paymentOp(++seq, dayOffset, k % LOANS), options).state;
  }
  return { state, nextSeq: seq + 1, lastDay: dayOffset };
}

function opsPerSecond(state: BorrowerState, op: LedgerOperation, minMs = 1500): number {
  for (let i = 0; i < 50; i++) apply(state, op, options); // warm-up
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < 50; i++) apply(state, op, options);
    n += 50;
    elapsed = performance.now() - start;
  }
  return (n / elapsed) * 1000;
}

const small = borrowerWith(10 + LOANS);
const large = borrowerWith(1000 + LOANS);
// Same day, same allocation, same kind of work: only the history behind it differs.
const smallRate = opsPerSecond(small.state, paymentOp(small.nextSeq, small.lastDay + 1, 3));
const largeRate = opsPerSecond(large.state, paymentOp(large.nextSeq, large.lastDay + 1, 3));
const backRate = opsPerSecond(large.state, paymentOp(large.nextSeq, large.lastDay - 3, 3), 1000);
const size = JSON.stringify(serializeState(large.state)).length;

console.log(`apply, 10 prior operations:    ${smallRate.toFixed(0)} ops/sec`);
console.log(`apply, 1,000 prior operations: ${largeRate.toFixed(0)} ops/sec`);
console.log(`ratio (1,000 / 10):            ${(largeRate / smallRate).toFixed(2)} (goal ≥ 0.67)`);
console.log(`back-dated apply (4 days back, 1,000 prior): ${backRate.toFixed(0)} ops/sec`);
console.log(`serialized state, 1,000 prior operations: ${(size / 1024).toFixed(0)} KiB`);

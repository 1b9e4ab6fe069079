/**
 * Micro-benchmark of docs/ledger.md "Cost of an operation": applying one more (not back-dated) operation must not
 * cost more on a borrower with a long history.
 *
 * The ratio compares two borrowers whose loans are in exactly the same state, so that only
 * the length of the history differs: 5 loans (24 monthly installments, daily fee, late
 * fee, 300 days of arrears and accruals) and 6,000,000 paid on each loan on day 300,
 *   - 10 prior operations: the 5 loans + 5 payments (one per loan);
 *   - 1,000 prior operations: the 5 loans + 995 payments (199 smaller ones per loan).
 * The same next payment (day 301) is applied to each state repeatedly (apply is pure, so
 * the state is reused).
 *
 * A third borrower has 1,000 operations spread over the 300 days (a payment every few
 * days): it gives the cost of a back-dated apply and the serialized size.
 *
 * Persisted bytes per apply: what the worker writes for one more operation (head plus the
 * list items `persistDelta` appends), against the whole serialized document.
 */
import { performance } from 'node:perf_hooks';
import type { CreateLoanOperation, CreatePaymentOperation, LedgerOperation, LedgerOptions } from '../src/api.js';
import { apply, emptyState, persistDelta, LIST_NAMES, type BorrowerState } from '../src/index.js';

const options: LedgerOptions = { timeZone: 'America/Bogota' };
const LOANS = 5;
const LAST_DAY = 300;
const PAID_PER_LOAN = 6_000_000; // over 300 days: about the schedule, so loans stay near current
const START = Date.UTC(2024, 0, 1);

function day(offset: number): string {
  return new Date(START + offset * 86_400_000).toISOString().slice(0, 10);
}

function loanOp(seq: number, i: number): CreateLoanOperation {
  const due = Array.from({ length: 24 }, (_, k) => `${new Date(Date.UTC(2024, 1 + k, 1)).toISOString().slice(0, 10)}T00:00:00-05:00`);
  return {
    type: 'create_loan', seq, operationId: `op-${seq}`, recordedAt: '2024-01-01T12:00:00Z', loanId: `L${i}`,
    loanConfig: { id: 'DEFAULT', version: 1, usury_rate: null, usury_behavior: 'cap', daily_fee_max_charge: 50000, late_fee_amount: 5000, late_fee_grace_days: 3 },
    body: { loan: { amount_financed: 10_000_000, config_id: 'DEFAULT', daily_fee_charge: 50, delinquency_interest_rate: 0.3848, due_dates: due, installment_fee_charge: 24000, interest_rate: 0.3, origination_date: '2024-01-01T00:00:00-05:00', owner: 'BANK_1' }, request_id: `r${seq}` },
  };
}

function paymentOp(seq: number, dayOffset: number, loan: number, cents: number): CreatePaymentOperation {
  const amount = cents / 100;
  return {
    type: 'create_payment', seq, operationId: `op-${seq}`, recordedAt: '2024-01-01T12:00:00Z', paymentId: `P${seq}`,
    paymentConfig: { id: 'DEFAULT', version: 1, allocation_order: ['late_fee', 'daily_fee', 'delinquency_interest', 'installment_fee_2', 'installment_fee', 'interest', 'principal'] },
    body: { payment: { amount_paid: amount, config_id: null, payment_date: `${day(dayOffset)}T10:00:00-05:00` }, payment_allocations: [{ loan_id: `L${loan}`, amount }], request_id: `r${seq}` },
  };
}

function borrowerWith(prior: number, spread: boolean): { state: BorrowerState; nextSeq: number } {
  let state = emptyState('BENCH');
  let seq = 0;
  for (let i = 0; i < LOANS; i++) state = apply(state, loanOp(++seq, i), options).state;
  const payments = prior - LOANS;
  const perLoan = payments / LOANS;
  const centsEach = Math.round((PAID_PER_LOAN * 100) / perLoan);
  for (let k = 0; k < payments; k++) {
    const dayOffset = spread ? Math.max(1, Math.round(((k + 1) * LAST_DAY) / payments)) : LAST_DAY;
    state = apply(state, paymentOp(++seq, dayOffset, k % LOANS, centsEach), options).state;
  }
  return { state, nextSeq: seq + 1 };
}

function opsPerSecond(state: BorrowerState, op: LedgerOperation, minMs = 2000): number {
  for (let i = 0; i < 200; i++) apply(state, op, options); // warm-up
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

const small = borrowerWith(10, false);
const large = borrowerWith(1000, false);
const spread = borrowerWith(1000, true);
const smallRate = opsPerSecond(small.state, paymentOp(small.nextSeq, LAST_DAY + 1, 3, 100_000_00));
const largeRate = opsPerSecond(large.state, paymentOp(large.nextSeq, LAST_DAY + 1, 3, 100_000_00));
const spreadRate = opsPerSecond(spread.state, paymentOp(spread.nextSeq, LAST_DAY + 1, 3, 100_000_00), 1000);
const backRate = opsPerSecond(spread.state, paymentOp(spread.nextSeq, LAST_DAY - 3, 3, 100_000_00), 1000);
// Everything stored for the borrower: the head and every list's items.
const size = JSON.stringify(persistDelta(undefined, spread.state)).length;

function persisted(state: BorrowerState, op: LedgerOperation): { head: number; items: number; count: number } {
  const delta = persistDelta(state, apply(state, op, options).state);
  let items = 0;
  let count = 0;
  for (const name of LIST_NAMES) {
    for (const item of delta.lists[name].append) items += JSON.stringify(item).length;
    count += delta.lists[name].append.length;
  }
  return { head: JSON.stringify(delta.head).length, items, count };
}
// Creating a loan builds its schedule: one 40-digit power per distinct (rate, period length),
// plus the daily delinquency factor (docs/performance.md, "The ledger's own benchmark").
const createOp = (i: number): CreateLoanOperation => ({ ...loanOp(1, i), loanId: `C${i}` });
const createRate = opsPerSecond(emptyState('BENCH'), createOp(0), 1000);

const kib = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;
const show = (p: { head: number; items: number; count: number }): string => `${kib(p.head + p.items)} (head ${kib(p.head)} + ${p.count} items ${kib(p.items)})`;
const smallWrite = persisted(small.state, paymentOp(small.nextSeq, LAST_DAY + 1, 3, 100_000_00));
const largeWrite = persisted(large.state, paymentOp(large.nextSeq, LAST_DAY + 1, 3, 100_000_00));
const spreadWrite = persisted(spread.state, paymentOp(spread.nextSeq, LAST_DAY + 1, 3, 100_000_00));
const backWrite = persisted(spread.state, paymentOp(spread.nextSeq, LAST_DAY - 3, 3, 100_000_00));

console.log(`apply, 10 prior operations:    ${smallRate.toFixed(0)} ops/sec`);
console.log(`apply, 1,000 prior operations: ${largeRate.toFixed(0)} ops/sec`);
console.log(`ratio (1,000 / 10):            ${(largeRate / smallRate).toFixed(2)} (goal ≥ 0.67)`);
console.log(`history spread over 300 days, 1,000 prior: ${spreadRate.toFixed(0)} ops/sec in order, ${backRate.toFixed(0)} ops/sec back-dated 3 days`);
console.log(`create a 24-installment loan on an empty borrower: ${createRate.toFixed(0)} ops/sec`);
console.log(`stored state of that borrower (head + items): ${(size / 1024).toFixed(0)} KiB`);
console.log(`persisted per apply, in order: 10 prior ${show(smallWrite)}; 1,000 prior ${show(largeWrite)}; spread ${show(spreadWrite)}`);
console.log(`persisted per apply, back-dated 3 days (spread): ${show(backWrite)}`);

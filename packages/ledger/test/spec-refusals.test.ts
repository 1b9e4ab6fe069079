/**
 * Refusals (docs/api.md and docs/ledger.md): what needs ledger state is decided by the engine: loan not
 * found 404; cancelled, consolidated or conflicting 409. Every refusal returns the seed
 * error body {code, context, error, status} and leaves the state unchanged
 * (Book.refuse checks both).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Book, WORKED, createLoan, cancel, waiver, transfer, payment, consolidation } from './fixtures/ops.js';

const W = (amount: number) => ({ bucket: 'principal', type: 'amount' as const, amount, day: '2024-02-01' });

test('unknown loan: 404 for cancel, waiver, transfer, allocation, consolidation', () => {
  const b = new Book();
  b.loan('L1', WORKED);
  b.refuse(cancel(b.next(), 'X', '2024-02-01'), 'loan_not_found');
  b.refuse(waiver(b.next(), 'X', 'W1', W(1)), 'loan_not_found');
  b.refuse(transfer(b.next(), 'B1', 'X', 'BANK_2', '2024-02-01'), 'loan_not_found');
  b.refuse(payment(b.next(), 'P1', 10, '2024-02-01', [{ loan_id: 'X', amount: 10 }]), 'loan_not_found');
  b.refuse(consolidation(b.next(), 'C1', { originalLoans: ['X'], day: '2024-02-01', dues: ['2024-03-01'], rate: 0.2 }), 'loan_not_found');
});

test('unknown loan on an empty borrower: 404', () => {
  const b = new Book();
  b.refuse(cancel(b.next(), 'X', '2024-02-01'), 'loan_not_found');
});

test('cancelled loan: 409', () => {
  const b = new Book();
  b.loan('L1', WORKED);
  b.cancel('L1', '2024-02-01');
  b.refuse(cancel(b.next(), 'L1', '2024-02-02'), 'loan_cancelled');
  b.refuse(waiver(b.next(), 'L1', 'W1', W(1)), 'loan_cancelled');
  b.refuse(transfer(b.next(), 'B1', 'L1', 'BANK_2', '2024-02-02'), 'loan_cancelled');
});

test('allocation to a cancelled loan: 409 (engine choice, docs/ledger.md)', () => {
  const b = new Book();
  b.loan('L1', WORKED);
  b.cancel('L1', '2024-02-01');
  b.refuse(payment(b.next(), 'P1', 10, '2024-02-05', [{ loan_id: 'L1', amount: 10 }]), 'loan_cancelled');
});

test('consolidated loan: 409', () => {
  const b = new Book();
  b.loan('L1', WORKED);
  b.consolidate('C1', { originalLoans: ['L1'], day: '2024-02-01', dues: ['2024-03-01'], rate: 0.2 });
  b.refuse(cancel(b.next(), 'L1', '2024-02-02'), 'loan_consolidated');
  b.refuse(waiver(b.next(), 'L1', 'W1', W(1)), 'loan_consolidated');
  b.refuse(transfer(b.next(), 'B1', 'L1', 'BANK_2', '2024-02-02'), 'loan_consolidated');
});

test('waiver above what is owed: 409', () => {
  const b = new Book();
  b.loan('L1', WORKED);
  b.refuse(waiver(b.next(), 'L1', 'W1', W(1200000.01)), 'waiver_exceeds_owed');
  b.refuse(waiver(b.next(), 'L1', 'W2', { bucket: 'overdue_principal', type: 'amount', amount: 0.01, day: '2024-02-01' }), 'waiver_exceeds_owed');
  b.waive('L1', 'W3', W(1200000));
  b.refuse(waiver(b.next(), 'L1', 'W4', W(0.01)), 'waiver_exceeds_owed');
});

test('transfer to the same owner: 409', () => {
  const b = new Book();
  b.loan('L1', WORKED);
  b.refuse(transfer(b.next(), 'B1', 'L1', 'BANK_1', '2024-02-01'), 'same_owner');
});

test('create of an existing loan: 409 (also after cancellation)', () => {
  const b = new Book();
  b.loan('L1', WORKED);
  b.refuse(createLoan(b.next(), 'L1', WORKED), 'loan_already_exists');
  b.cancel('L1', '2024-02-01');
  const refused = b.refuse(createLoan(b.next(), 'L1', { ...WORKED, origination: '2024-03-01', dues: ['2024-04-01'] }), 'loan_already_exists');
  assert.deepEqual(refused.context, { borrower_id: 'B1', loan_id: 'L1' });
  // The cancelled loan is still there, cancelled: the refused create replaced nothing.
  const loan = b.status('2024-03-02').loans.find((l: { attributes: { id: string } }) => l.attributes.id === 'L1');
  assert.equal(loan?.attributes.is_cancelled, true);
  assert.equal(loan?.attributes.cancellation_date, '2024-02-01');
});

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
  b.refuse(cancel(b.next(), 'X', '2024-02-01'), 404);
  b.refuse(waiver(b.next(), 'X', 'W1', W(1)), 404);
  b.refuse(transfer(b.next(), 'B1', 'X', 'BANK_2', '2024-02-01'), 404);
  b.refuse(payment(b.next(), 'P1', 10, '2024-02-01', [{ loan_id: 'X', amount: 10 }]), 404);
  b.refuse(consolidation(b.next(), 'C1', { originalLoans: ['X'], day: '2024-02-01', dues: ['2024-03-01'], rate: 0.2 }), 404);
});

test('unknown loan on an empty borrower: 404', () => {
  const b = new Book();
  b.refuse(cancel(b.next(), 'X', '2024-02-01'), 404);
});

test('cancelled loan: 409', () => {
  const b = new Book();
  b.loan('L1', WORKED);
  b.cancel('L1', '2024-02-01');
  b.refuse(cancel(b.next(), 'L1', '2024-02-02'), 409);
  b.refuse(waiver(b.next(), 'L1', 'W1', W(1)), 409);
  b.refuse(transfer(b.next(), 'B1', 'L1', 'BANK_2', '2024-02-02'), 409);
});

test('allocation to a cancelled loan: 409 (engine choice, docs/ledger.md)', () => {
  const b = new Book();
  b.loan('L1', WORKED);
  b.cancel('L1', '2024-02-01');
  b.refuse(payment(b.next(), 'P1', 10, '2024-02-05', [{ loan_id: 'L1', amount: 10 }]), 409);
});

test('consolidated loan: 409', () => {
  const b = new Book();
  b.loan('L1', WORKED);
  b.consolidate('C1', { originalLoans: ['L1'], day: '2024-02-01', dues: ['2024-03-01'], rate: 0.2 });
  b.refuse(cancel(b.next(), 'L1', '2024-02-02'), 409);
  b.refuse(waiver(b.next(), 'L1', 'W1', W(1)), 409);
  b.refuse(transfer(b.next(), 'B1', 'L1', 'BANK_2', '2024-02-02'), 409);
});

test('waiver above what is owed: 409', () => {
  const b = new Book();
  b.loan('L1', WORKED);
  b.refuse(waiver(b.next(), 'L1', 'W1', W(1200000.01)), 409);
  b.refuse(waiver(b.next(), 'L1', 'W2', { bucket: 'overdue_principal', type: 'amount', amount: 0.01, day: '2024-02-01' }), 409);
  b.waive('L1', 'W3', W(1200000));
  b.refuse(waiver(b.next(), 'L1', 'W4', W(0.01)), 409);
});

test('transfer to the same owner: 409', () => {
  const b = new Book();
  b.loan('L1', WORKED);
  b.refuse(transfer(b.next(), 'B1', 'L1', 'BANK_1', '2024-02-01'), 409);
});

test('create of an existing loan: 409 (also after cancellation)', () => {
  const b = new Book();
  b.loan('L1', WORKED);
  b.refuse(createLoan(b.next(), 'L1', WORKED), 409);
  b.cancel('L1', '2024-02-01');
  b.refuse(createLoan(b.next(), 'L1', { ...WORKED, origination: '2024-03-01', dues: ['2024-04-01'] }), 409);
  assert.ok(true);
});

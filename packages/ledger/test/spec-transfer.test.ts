/**
 * docs/ledger.md Ownership transfer: the owner changes from effective_date; transferred_amounts
 * are the principal, interest and installment_fee states on that day.
 * Worked example, R 0; 100000 on 03-01 pays inst1 fee 10000, interest 33642.89, principal
 * 56357.11. On 03-20 inst1, inst2 overdue, inst3 current (derive.py "transfer"):
 *   principal overdue 185987.30 + 193059.51 - 56357.11 = 322689.70, current 196614.16,
 *             unpaid 519303.86, total 1143642.89
 *   interest  overdue 26570.68, current 23016.03, unpaid 49586.71, total 84138.23
 *   fee       overdue 10000, current 10000, unpaid 20000, total 50000
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Book, WORKED, transfer } from './fixtures/ops.js';
import { owner, transferred } from './fixtures/read.js';

test('transferred amounts on the effective day and the owner on each side of it', () => {
  const b = new Book();
  b.loan('L1', { ...WORKED, drate: 0 });
  b.pay('P1', 100000, '2024-03-01');
  const body = b.transfer('L1', 'BANK_2', '2024-03-20');
  assert.equal(body.id, 'L1');
  assert.equal(body.new_owner, 'BANK_2');
  assert.equal(body.request_id, 'r3');
  assert.equal(typeof body.kordev_id, 'number');
  assert.deepEqual(transferred(body, 'principal'), { overdue: '322689.70', current: '196614.16', unpaid: '519303.86', total: '1143642.89' });
  assert.deepEqual(transferred(body, 'interest'), { overdue: '26570.68', current: '23016.03', unpaid: '49586.71', total: '84138.23' });
  assert.deepEqual(transferred(body, 'installment_fee'), { overdue: '10000.00', current: '10000.00', unpaid: '20000.00', total: '50000.00' });
  assert.equal(owner(b.status('2024-03-19'), 'L1'), 'BANK_1');
  assert.equal(owner(b.status('2024-03-20'), 'L1'), 'BANK_2');
});

test('transfer on the origination day: installment 1 current, nothing overdue', () => {
  const b = new Book();
  b.loan('L1', WORKED);
  const body = b.transfer('L1', 'BANK_2', '2024-01-15');
  assert.deepEqual(transferred(body, 'principal'), { overdue: '0.00', current: '185987.30', unpaid: '185987.30', total: '1200000.00' });
  assert.deepEqual(transferred(body, 'interest'), { overdue: '0.00', current: '33642.89', unpaid: '33642.89', total: '117781.12' });
});

test('same owner 409; back and forth allowed; unknown loan 404', () => {
  const b = new Book();
  b.loan('L1', WORKED);
  b.refuse(transfer(b.next(), 'B1', 'L1', 'BANK_1', '2024-02-01'), 'same_owner');
  b.transfer('L1', 'BANK_2', '2024-02-01');
  b.refuse(transfer(b.next(), 'B1', 'L1', 'BANK_2', '2024-03-01'), 'same_owner');
  b.transfer('L1', 'BANK_1', '2024-03-01');
  assert.equal(owner(b.status('2024-02-15'), 'L1'), 'BANK_2');
  assert.equal(owner(b.status('2024-03-01'), 'L1'), 'BANK_1');
  b.refuse(transfer(b.next(), 'B1', 'NOPE', 'BANK_3', '2024-03-01'), 'loan_not_found');
});

test('a back-dated transfer: owners follow effective dates; same owner as the one in force is 409', () => {
  // BANK_2 from 03-01 (seq 2), then back-dated BANK_3 from 02-01 (seq 3):
  // 01-31 BANK_1, 02-15 BANK_3, 03-01 BANK_2
  const b = new Book();
  b.loan('L1', WORKED);
  b.transfer('L1', 'BANK_2', '2024-03-01');
  b.transfer('L1', 'BANK_3', '2024-02-01');
  assert.equal(owner(b.status('2024-01-31'), 'L1'), 'BANK_1');
  assert.equal(owner(b.status('2024-02-15'), 'L1'), 'BANK_3');
  assert.equal(owner(b.status('2024-03-01'), 'L1'), 'BANK_2');
  // on 02-10 the owner in force is BANK_3
  b.refuse(transfer(b.next(), 'B1', 'L1', 'BANK_3', '2024-02-10'), 'same_owner');
});

test('cancelled loan: 409', () => {
  const b = new Book();
  b.loan('L1', WORKED);
  b.cancel('L1', '2024-02-01');
  b.refuse(transfer(b.next(), 'B1', 'L1', 'BANK_2', '2024-03-01'), 'loan_cancelled');
});

/**
 * docs/ledger.md Consolidation. L1 = worked example with R 0, consolidated on 2024-03-20
 * (inst1, inst2 overdue, inst3 current). Carried (derive.py "consolidation"):
 *   principal total 1200000 + interest unpaid 33642.89 + 26570.68 + 23016.03 (83229.60)
 *   + fee unpaid 30000 = 1313229.60.
 * New loan C1: EA 0.24, O 03-20, dues 04-20, 05-20, 06-20 ->
 *   A 453806.69; inst1 interest 24212.86 principal 429593.83; inst3 principal 445591.03.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Book, WORKED, consolidation, cancel, waiver, transfer, createLoan } from './fixtures/ops.js';
import { checkUsury } from '../src/index.js';
import { attrs, bucket, BUCKETS, fixedInstallment, owner, m } from './fixtures/read.js';

const CONS = { originalLoans: ['L1'], day: '2024-03-20', dues: ['2024-04-20', '2024-05-20', '2024-06-20'], rate: 0.24, owner: 'BANK_3' };

function withL1() {
  const b = new Book();
  b.loan('L1', { ...WORKED, drate: 0 });
  return b;
}

test('default config: all principal + unpaid of other buckets carried into the new loan', () => {
  const b = withL1();
  const body = b.consolidate('C1', CONS);
  assert.equal(body.id, 'C1');
  assert.equal(typeof body.kordev_id, 'number');
  assert.deepEqual(body.loan_consolidation.original_loans, ['L1']);
  const s = b.status('2024-03-20');
  assert.equal(m(attrs(s, 'C1').amount_financed), '1313229.60');
  assert.equal(bucket(s, 'C1', 'principal').initial, '1313229.60');
  assert.equal(fixedInstallment(s, 'C1'), '453806.69');
  assert.equal(bucket(s, 'C1', 'principal').current, '429593.83');
  assert.equal(bucket(s, 'C1', 'interest').current, '24212.86');
  assert.equal(owner(s, 'C1'), 'BANK_3');
  assert.equal(bucket(b.status('2024-06-20'), 'C1', 'principal').current, '445591.03');
  // the original loan owes nothing from the effective day, and was normal the day before
  for (const k of BUCKETS) assert.equal(bucket(s, 'L1', k).total, '0.00', k);
  assert.equal(bucket(b.status('2024-03-19'), 'L1', 'principal').total, '1200000.00');
});

test('config waivers are applied to the original loans first', () => {
  // overdue_interest 100% waived (60213.57) -> carried 1200000 + 23016.03 + 30000 = 1253016.03
  // -> A 432998.96, inst1 interest 23102.67
  const b = withL1();
  b.consolidate('C1', CONS, { waivers: [{ bucket: 'overdue_interest', type: 'percentage', percentage: 1, amount: null }] });
  const s = b.status('2024-03-20');
  assert.equal(bucket(s, 'C1', 'principal').initial, '1253016.03');
  assert.equal(fixedInstallment(s, 'C1'), '432998.96');
  assert.equal(bucket(s, 'C1', 'interest').current, '23102.67');
  assert.equal(bucket(s, 'L1', 'interest').waived, '60213.57');
});

test('carried_buckets limits what is carried (principal only: 1200000)', () => {
  // A 414678.46, inst1 interest 22125.18 (derive.py)
  const b = withL1();
  b.consolidate('C1', CONS, { carried_buckets: ['principal'] });
  const s = b.status('2024-03-20');
  assert.equal(bucket(s, 'C1', 'principal').initial, '1200000.00');
  assert.equal(fixedInstallment(s, 'C1'), '414678.46');
  assert.equal(bucket(s, 'C1', 'interest').current, '22125.18');
  assert.equal(bucket(s, 'L1', 'interest').total, '0.00');
});

test('two loans: 1313229.60 + 300000 = 1613229.60 (A 557476.30)', () => {
  const b = withL1();
  b.loan('L2', { amount: 300000, rate: 0, origination: '2024-02-01', dues: ['2024-03-01', '2024-04-01', '2024-05-01'] });
  b.consolidate('C1', { ...CONS, originalLoans: ['L1', 'L2'] });
  const s = b.status('2024-03-20');
  assert.equal(bucket(s, 'C1', 'principal').initial, '1613229.60');
  assert.equal(fixedInstallment(s, 'C1'), '557476.30');
  assert.equal(bucket(s, 'L2', 'principal').total, '0.00');
});

test('payments made on the original loan reduce what is carried', () => {
  // 100000 on 03-01: fee 10000, interest 33642.89, principal 56357.11 of inst1 ->
  // carried 1313229.60 - 100000 = 1213229.60
  const b = withL1();
  b.pay('P1', 100000, '2024-03-01');
  b.consolidate('C1', CONS);
  assert.equal(bucket(b.status('2024-03-20'), 'C1', 'principal').initial, '1213229.60');
});

test('delinquency interest owed on the day is carried too', () => {
  // R 0.3848; on 03-20 the status shows accrual through 03-19: inst1 33 days 5476.76 +
  // inst2 4 days 689.09 = 6165.85 (derive.py "delinquency interest"), so carried
  // 1313229.60 + 6165.85 = 1319395.45, and L1 accrues nothing from 03-20.
  const b = new Book();
  b.loan('L1', WORKED);
  b.consolidate('C1', CONS);
  const s = b.status('2024-03-20');
  assert.equal(bucket(s, 'C1', 'principal').initial, '1319395.45');
  assert.equal(bucket(b.status('2024-05-01'), 'L1', 'delinquency_interest').total, '0.00');
  assert.equal(bucket(b.status('2024-05-01'), 'L1', 'delinquency_interest').initial, '6165.85');
});

test('the new loan takes the request\'s loan config (late fee) and rates', () => {
  // new loan C1 (EA 0.24, dues 04-20, ...) with a loan config late fee 500, grace 0:
  // nothing paid by 04-20 -> 500 late fee on C1 by 04-21; L1's own config had none.
  const b = withL1();
  b.ok(consolidation(b.next(), 'C1', CONS, {}, { id: 'LATE', late_fee_amount: 500 }));
  assert.equal(bucket(b.status('2024-04-21'), 'C1', 'late_fee').total, '500.00');
});

test('usury reject applies to the consolidated loan\'s rates (400, state unchanged)', () => {
  const b = withL1();
  const op = consolidation(b.next(), 'C1', { ...CONS, rate: 0.5 }, {}, { id: 'STRICT', usury_rate: 0.4, usury_behavior: 'reject' }) as any;
  b.refuse(op, 'usury_rate_exceeded');
  assert.ok(checkUsury(op.body.loan_consolidation, op.loanConfig), 'checkUsury refuses the consolidation body');
  assert.equal(checkUsury({ ...op.body.loan_consolidation, interest_rate: 0.3, delinquency_interest_rate: 0.3 }, op.loanConfig), null);
});

test('refusals: unknown 404; consolidated, cancelled, duplicate 409; existing id 409', () => {
  const b = withL1();
  b.loan('L3', { amount: 3000, rate: 0, origination: '2024-01-15', dues: ['2024-04-15'] });
  b.cancel('L3', '2024-02-01');
  b.refuse(consolidation(b.next(), 'C0', { ...CONS, originalLoans: ['NOPE'] }), 'loan_not_found');
  b.refuse(consolidation(b.next(), 'C0', { ...CONS, originalLoans: ['L1', 'L3'] }), 'loan_cancelled');
  b.refuse(consolidation(b.next(), 'C0', { ...CONS, originalLoans: ['L1', 'L1'] }), 'duplicate_loans');
  b.consolidate('C1', CONS);
  b.refuse(consolidation(b.next(), 'C2', { ...CONS, day: '2024-03-25' }), 'loan_consolidated');
  b.refuse(cancel(b.next(), 'L1', '2024-03-25'), 'loan_consolidated');
  b.refuse(waiver(b.next(), 'L1', 'W1', { bucket: 'principal', type: 'amount', amount: 1, day: '2024-03-25' }), 'loan_consolidated');
  b.refuse(transfer(b.next(), 'B1', 'L1', 'BANK_9', '2024-03-25'), 'loan_consolidated');
});

test('the consolidated loan exists: creating a loan with its id is 409', () => {
  // docs/ledger.md: "The new loan's loan_id is the consolidation_id"; create of an existing loan is 409.
  const b = withL1();
  b.consolidate('C1', CONS);
  b.refuse(createLoan(b.next(), 'C1', WORKED), 'loan_already_exists');
});

/**
 * The seeds' response bodies are binding (docs/api.md), field for field. Each 200 body
 * carries every field of its seed's response (the names are each contracts declaration's `resultSchema`; the type-check holds them to the ledger's `OperationResults`), with
 * `request_id` echoed and `kordev_id` an integer.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Book, WORKED } from './fixtures/ops.js';

function hasKeys(body: any, keys: string[], what: string) {
  for (const k of keys) assert.ok(body && Object.prototype.hasOwnProperty.call(body, k), `${what}: missing ${k} in ${JSON.stringify(body)}`);
  assert.equal(Number.isInteger(body.kordev_id), true, `${what}: kordev_id integer`);
}

test('create loan body: the seed fields, amounts and rates as sent', () => {
  const b = new Book();
  const body = b.loan('L1', { ...WORKED, daily: 12.5, fee2: 300 });
  hasKeys(
    body,
    ['amount_financed', 'config_id', 'daily_fee_charge', 'delinquency_interest_rate', 'due_dates', 'guarantee_provider', 'id', 'installment_fee_2_charge', 'installment_fee_charge', 'interest_rate', 'kordev_id', 'origination_date', 'owner', 'request_id'],
    'create loan',
  );
  assert.equal(body.amount_financed, 1200000);
  assert.equal(body.interest_rate, 0.3848);
  assert.equal(body.daily_fee_charge, 12.5);
  assert.equal(body.installment_fee_2_charge, 300);
  assert.equal(body.owner, 'BANK_1');
  assert.equal(body.request_id, 'r1');
});

test('create waiver body', () => {
  const b = new Book();
  b.loan('L1', WORKED);
  const body = b.waive('L1', 'W1', { bucket: 'interest', type: 'percentage', percentage: 0.25, day: '2024-01-20' });
  hasKeys(body, ['amount', 'bucket', 'config_id', 'effective_date', 'id', 'kordev_id', 'loan_id', 'percentage', 'reason', 'request_id', 'type'], 'waiver');
  assert.equal(body.percentage, 0.25);
  assert.equal(body.reason, 'TEST');
});

test('consolidation body', () => {
  const b = new Book();
  b.loan('L1', WORKED);
  const body = b.consolidate('C1', { originalLoans: ['L1'], day: '2024-03-20', dues: ['2024-04-20'], rate: 0.2 });
  hasKeys(body, ['id', 'kordev_id', 'loan_consolidation', 'request_id'], 'consolidation');
  for (const k of ['consolidation_config', 'daily_fee_charge', 'delinquency_interest_rate', 'due_dates', 'effective_date', 'interest_rate', 'loan_config', 'original_loans', 'owner']) {
    assert.ok(k in body.loan_consolidation, `loan_consolidation.${k}`);
  }
});

test('ownership transfer body (one succeeded item of the 207)', () => {
  const b = new Book();
  b.loan('L1', WORKED);
  const body = b.transfer('L1', 'BANK_2', '2024-02-01');
  hasKeys(body, ['id', 'kordev_id', 'new_owner', 'occurred_on', 'request_id', 'transferred_amounts'], 'transfer');
  for (const k of ['installment_fee', 'interest', 'principal']) {
    for (const f of ['current', 'overdue', 'total', 'unpaid']) assert.equal(typeof body.transferred_amounts[k][f], 'number', `${k}.${f}`);
  }
});

test('payment body: echo with id, kordev_id and the split', () => {
  const b = new Book();
  b.loan('L1', WORKED);
  const body = b.pay('P1', 1000, '2024-02-01');
  hasKeys(body, ['id', 'kordev_id', 'payment', 'payment_allocations', 'request_id'], 'payment');
  assert.equal(body.payment.amount_paid, 1000);
});

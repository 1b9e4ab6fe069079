/**
 * Calendar and usury details. DST offsets checked against the IANA rules: New York switches
 * to −04:00 on 2024-03-10 at 02:00 and back to −05:00 on 2024-11-03 at 02:00, so the end of
 * both days is in the new offset.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, checkUsury, effectiveDayOf, emptyState, endOfDay, statusAt, toDay } from '../src/index.js';
import { cancel, createLoan, LOAN_CONFIG, resetSeq, TZ } from './engine-helpers.js';

test('toDay: instants in the lender zone; date-only strings are days already', () => {
  assert.equal(toDay('2024-02-16T03:00:00Z', 'America/Bogota'), '2024-02-15');
  assert.equal(toDay('2024-02-16T05:00:00Z', 'America/Bogota'), '2024-02-16');
  assert.equal(toDay('2024-02-15T23:59:59.999999-05:00', 'Asia/Tokyo'), '2024-02-16');
  assert.equal(toDay('2024-02-15', 'Asia/Tokyo'), '2024-02-15');
});

test('endOfDay: the offset in force at the end of the day (DST)', () => {
  assert.equal(endOfDay('2024-02-15', 'America/Bogota'), '2024-02-15T23:59:59.999999-05:00');
  assert.equal(endOfDay('2024-03-10', 'America/New_York'), '2024-03-10T23:59:59.999999-04:00');
  assert.equal(endOfDay('2024-11-03', 'America/New_York'), '2024-11-03T23:59:59.999999-05:00');
  assert.equal(endOfDay('2024-06-01', 'UTC'), '2024-06-01T23:59:59.999999+00:00');
  assert.equal(endOfDay('2024-06-01', 'Asia/Kolkata'), '2024-06-01T23:59:59.999999+05:30');
});

test('a cancellation without effective_date takes effect on the day it is recorded', () => {
  resetSeq();
  const op = cancel('L1', null); // recorded 2024-03-01T15:00:00Z = 10:00 in Bogotá
  assert.equal(effectiveDayOf(op, TZ), '2024-03-01');
});

test('usury cap: the status shows the lender rate (fixed) and the one used (applicable)', () => {
  resetSeq();
  const config = { ...LOAN_CONFIG, usury_rate: 0.3, usury_behavior: 'cap' as const };
  const { state, result } = apply(emptyState('B1'), createLoan('L1', { interest_rate: 0.3848, delinquency_interest_rate: 0.5 }, config), TZ);
  assert.ok(result.ok);
  assert.equal(result.body.interest_rate, 0.3848, 'the body echoes the request');
  const a = statusAt(state, '2024-01-15', TZ).loans[0]!.attributes;
  assert.deepEqual(a.interest_rates, {
    fixed: { interest_rate: 0.3848, delinquency_interest_rate: 0.5 },
    applicable: { interest_rate: 0.3, delinquency_interest_rate: 0.3 },
  });
});

test('usury reject: 400 from apply and from checkUsury, naming the rates', () => {
  resetSeq();
  const config = { ...LOAN_CONFIG, usury_rate: 0.3, usury_behavior: 'reject' as const };
  const op = createLoan('L1', { interest_rate: 0.3848 }, config);
  const out = apply(emptyState('B1'), op, TZ);
  assert.equal(out.result.statusCode, 400);
  assert.equal(out.result.ok, false);
  const body = checkUsury(op.body.loan, config)!;
  assert.equal(body.status, 'Bad Request');
  assert.equal(body.context.interest_rate, 0.3848);
  assert.equal(body.context.delinquency_interest_rate, 0.3848);
  assert.equal(checkUsury({ interest_rate: 0.3, delinquency_interest_rate: 0.1 }, config), null);
});

test('due dates must be increasing days after origination: 400', () => {
  resetSeq();
  const out = apply(emptyState('B1'), createLoan('L1', { due_dates: ['2024-03-15T00:00:00-05:00', '2024-02-15T00:00:00-05:00'] }), TZ);
  assert.equal(out.result.statusCode, 400);
  const same = apply(emptyState('B1'), createLoan('L1', { due_dates: ['2024-01-15T22:00:00-05:00'] }), TZ);
  assert.equal(same.result.statusCode, 400);
});

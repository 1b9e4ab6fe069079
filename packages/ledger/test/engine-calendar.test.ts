/**
 * Calendar and usury details. DST offsets checked against the IANA rules: New York switches
 * to −04:00 on 2024-03-10 at 02:00 and back to −05:00 on 2024-11-03 at 02:00, so the end of
 * both days is in the new offset.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, checkUsury, effectiveDayOf, emptyState, endOfDay, statusAt, toDay } from '../src/index.js';
import { cancel, createLoan, LOAN_CONFIG, resetSeq, TZ } from './engine-helpers.js';
import { bodyOf } from './fixtures/results.js';

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
  assert.equal(bodyOf('create_loan', result).interest_rate, 0.3848, 'the body echoes the request');
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

test('days of years 1–99 are not read as 19xx (proleptic Gregorian, no Date.UTC quirk)', () => {
  // 0050-03-01 is 701 206 days before 1970-01-01: 1 920 years, 465 of them leap
  // (centuries 100, 200, 300, 500, ... not; 400, 800, 1200, 1600 are), minus Jan–Feb of 50.
  const early = apply(emptyState('B1'), { ...createLoan('L1'), body: { ...createLoan('L1').body, loan: { ...createLoan('L1').body.loan, origination_date: '0050-01-15T00:00:00Z', due_dates: ['0050-02-15T23:59:59Z', '0050-03-15T23:59:59Z'] } } }, { timeZone: 'UTC' });
  assert.ok(early.result.ok, JSON.stringify(early.result.body));
  const st = statusAt(early.state, '0050-02-20', { timeZone: 'UTC' });
  assert.equal(st.loans[0]!.installments[0]!.state, 'overdue');
  assert.equal(st.loans[0]!.installments[1]!.state, 'current');
  assert.equal(st.loans[0]!.installments[0]!.due_date.slice(0, 10), '0050-02-15');
  assert.equal(toDay('0050-03-01T12:00:00Z', 'UTC'), '0050-03-01');
  assert.equal(toDay('0001-01-01T00:00:00Z', 'UTC'), '0001-01-01');
  assert.equal(endOfDay('0099-12-31', 'UTC'), '0099-12-31T23:59:59.999999+00:00');
});

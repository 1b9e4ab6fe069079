/**
 * docs/ledger.md "Payoff and prepayment": the payoff operation. Figures: derive.py "payoff
 * quote" (worked example; quote on 2024-03-01 = 1 264 882.23).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { historyOf, type ApplyResult, type LedgerEvent } from '../src/index.js';
import { Book, TZ, WORKED, at10 } from './fixtures/ops.js';
import { payoffOp } from './fixtures/payoff-ops.js';
import { bucket, m } from './fixtures/read.js';

type Result = ApplyResult;

/** Applies a payoff through `apply`, as the worker does. */
function payOff(b: Book, loanId: string, amount: number, day: string, id = 'PO1'): Result {
  return b.run(payoffOp(b.next(), loanId, id, amount, day));
}

test('a payoff mid-period pays the quote, closes the rest and pays the loan off; the excess is positive balance', () => {
  const b = new Book();
  b.loan('L1', WORKED);
  const out = payOff(b, 'L1', 1264982.23, '2024-03-01');
  assert.ok(out.ok, JSON.stringify(out));
  assert.deepEqual(out.body, { amount_paid: 1264982.23, id: 'PO1', kordev_id: 2, loan_id: 'L1', payoff_amount: 1264882.23, request_id: 'r2', to_positive_balance: 100 });
  assert.deepEqual(out.events?.map((e: LedgerEvent) => [e.type, e.loan_id, e.effective_date, e.payload.payoff_amount, e.payload.to_positive_balance]), [['loan.paid_off', 'L1', '2024-03-01', 1264882.23, 100]]);
  const s = b.status('2024-03-02');
  assert.equal(s.loans[0].attributes.paid_off_date, '2024-03-01');
  assert.equal(m(s.positive_balance), '100.00');
  assert.equal(bucket(s, 'L1', 'principal').paid, '1200000.00');
  assert.equal(bucket(s, 'L1', 'interest').paid, '47386.35');
  assert.equal(bucket(s, 'L1', 'interest').closed, '70394.77'); // 117 781.12 − 47 386.35
  assert.equal(bucket(s, 'L1', 'installment_fee').paid, '15172.41');
  assert.equal(bucket(s, 'L1', 'installment_fee').closed, '44827.59');
  assert.equal(bucket(s, 'L1', 'delinquency_interest').paid, '2323.47');
  for (const k of ['principal', 'interest', 'installment_fee', 'delinquency_interest'] as const) assert.equal(bucket(s, 'L1', k).total, '0.00', k);
  assert.deepEqual(s.summary.full_payment_amount, 0);
  const listed = s.loans[0].payments.find((p: any) => p.id === 'PO1');
  assert.equal(listed.type, 'payoff');
  assert.equal(listed.amount, 1264882.23);
  // nothing accrues after
  const later = b.status('2024-09-01');
  assert.equal(bucket(later, 'L1', 'delinquency_interest').initial, '2323.47');
  assert.equal(m(later.positive_balance), '100.00');
});

test('history: the quote paid and the rest closed, as PAYOFF steps', () => {
  const b = new Book();
  b.loan('L1', WORKED);
  assert.ok(payOff(b, 'L1', 1264882.23, '2024-03-01').ok);
  const entries = historyOf(b.state, TZ).filter((h) => h.step_type === 'PAYOFF');
  const sum = (status: string) => Math.round(entries.filter((h) => h.bucket_status === status).reduce((s, h) => s - h.delta * 100, 0));
  assert.equal(sum('paid'), 126488223);
  assert.equal(sum('closed'), 11522236); // 70 394.77 + 44 827.59
  assert.ok(entries.every((h) => h.effective_date === '2024-03-01'));
});

test('below the quote: 409 payoff_below_quote with the quote in the context', () => {
  const b = new Book();
  b.loan('L1', WORKED);
  const out = payOff(b, 'L1', 1264882.22, '2024-03-01');
  assert.equal(out.ok, false);
  if (out.ok) return;
  assert.equal(out.statusCode, 409);
  assert.equal(out.body.code, 40921);
  assert.equal(out.body.context.payoff_amount, 1264882.23);
  assert.equal(out.body.context.amount_paid, 1264882.22);
  assert.deepEqual(out.body.context.breakdown, { principal: 1200000, interest: 47386.35, installment_fee: 15172.41, installment_fee_2: 0, delinquency_interest: 2323.47, daily_fee: 0, late_fee: 0 });
});

test('unknown, cancelled and paid-off loans are refused', () => {
  const b = new Book();
  b.loan('L1', WORKED);
  const unknown = payOff(b, 'NOPE', 10, '2024-03-01');
  assert.equal(unknown.ok ? 0 : unknown.body.code, 40401);
  assert.ok(payOff(b, 'L1', 1300000, '2024-03-01').ok);
  const again = payOff(b, 'L1', 10, '2024-03-05');
  assert.equal(again.ok ? 0 : again.body.code, 40920);
  const c = new Book();
  c.loan('L1', WORKED);
  c.cancel('L1', '2024-02-01');
  const cancelled = payOff(c, 'L1', 1300000, '2024-03-01');
  assert.equal(cancelled.ok ? 0 : cancelled.body.code, 40902);
});

test('a payment back-dated before a payoff replays it: the same state as submitting in date order', () => {
  // in date order: P1 100 000 on 02-20, then the payoff on 03-01 of 1 300 000
  const inOrder = new Book();
  inOrder.loan('L1', WORKED);
  inOrder.pay('P1', 100000, '2024-02-20');
  assert.ok(payOff(inOrder, 'L1', 1300000, '2024-03-01').ok);
  // the payoff first, then P1 back-dated before it
  const back = new Book();
  back.loan('L1', WORKED);
  assert.ok(payOff(back, 'L1', 1300000, '2024-03-01').ok);
  back.pay('P1', 100000, '2024-02-20');
  const strip = (st: any) => JSON.parse(JSON.stringify(st, (k, v) => (k === 'kordev_id' ? undefined : v)));
  for (const day of ['2024-02-21', '2024-03-01', '2024-03-02', '2024-09-01']) assert.deepEqual(strip(back.status(day)), strip(inOrder.status(day)), day);
  const s = back.status('2024-03-02');
  assert.equal(s.loans[0].attributes.paid_off_date, '2024-03-01');
  // every cent received is paid to the loan or in the positive balance
  const paid = ['principal', 'interest', 'installment_fee', 'delinquency_interest'].reduce((sum, k) => sum + Math.round(Number(bucket(s, 'L1', k as 'principal').paid) * 100), 0);
  assert.equal(paid + Math.round(Number(s.positive_balance) * 100), 140000000);
});

test('a replayed payoff that no longer covers its quote is an ordinary payment (money received is never refused)', () => {
  // P1 of 100 000 on 02-20 is reversed after a payoff that counted on it
  const b = new Book();
  b.loan('L1', WORKED);
  b.pay('P1', 100000, '2024-02-20');
  const out = payOff(b, 'L1', 1200000, '2024-03-01'); // above that day's quote with P1 (it paid 100 000 of it)
  assert.ok(out.ok, JSON.stringify(out.body));
  const reversed = b.run({ type: 'reverse_payment', seq: b.next(), operationId: 'op-rev', recordedAt: at10('2024-03-05'), requestId: 'rr', paymentId: 'P1', body: { payment_reversal: { reason: 'bounced' }, occurred_on: at10('2024-03-05'), request_id: 'rr' } });
  assert.ok(reversed.ok, JSON.stringify(reversed.body));
  const s = b.status('2024-03-06');
  // without P1 the quote of 03-01 is 1 264 882.23 > 1 200 000: the payoff paid the schedule as a payment would
  assert.equal(s.loans[0].attributes.paid_off_date, null);
  assert.equal(m(s.positive_balance), '0.00');
  const po = s.loans[0].payments.find((p: any) => p.id === 'PO1');
  assert.equal(po.amount, 1200000);
  assert.equal(bucket(s, 'L1', 'interest').closed, '0.00');
});

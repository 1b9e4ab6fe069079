/**
 * docs/ledger.md "Payoff and prepayment": the payoff operation. Figures: derive.py "payoff
 * quote" (worked example; quote on 2024-03-01 = 1 264 882.23).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { advance } from '../src/accrual.js';
import { dayToNum } from '../src/calendar.js';
import { Draft } from '../src/draft.js';
import { createPayoff, type PayoffOperation, type PayoffOutcome } from '../src/payoff.js';
import { historyOf, type BorrowerState } from '../src/index.js';
import { Book, PAYMENT_CONFIG, TZ, WORKED, at10 } from './fixtures/ops.js';
import { bucket, m } from './fixtures/read.js';

function payoffOp(seq: number, loanId: string, payoffId: string, amount: number, day: string): PayoffOperation {
  return {
    seq, operationId: `op-${seq}`, loanId, payoffId, paymentConfig: PAYMENT_CONFIG, requestId: `r${seq}`,
    body: { payoff: { amount_paid: amount, payment_date: at10(day) }, occurred_on: at10(day), request_id: `r${seq}` },
  };
}

/** Applies a payoff to the live state on `day` (the handler on a draft, as `apply` runs it). */
function payOff(b: Book, loanId: string, amount: number, day: string): PayoffOutcome {
  const state: BorrowerState = b.state;
  const d = new Draft(state.live);
  const n = dayToNum(day);
  advance(d, n);
  const out = createPayoff({ d, op: payoffOp(b.next(), loanId, 'PO1', amount, day), day: n, kordevId: state.nextKordev, mode: 'fresh', borrowerId: state.borrowerId });
  if (out.ok) b.state = { ...state, live: d.freeze() };
  return out;
}

test('a payoff mid-period pays the quote, closes the rest and pays the loan off; the excess is positive balance', () => {
  const b = new Book();
  b.loan('L1', WORKED);
  const out = payOff(b, 'L1', 1264982.23, '2024-03-01');
  assert.ok(out.ok, JSON.stringify(out));
  assert.deepEqual(out.body, { amount_paid: 1264982.23, id: 'PO1', kordev_id: 2, loan_id: 'L1', payoff_amount: 1264882.23, request_id: 'r2', to_positive_balance: 100 });
  assert.deepEqual(out.events?.map((e) => [e.type, e.loan_id, e.effective_date, e.payload.payoff_amount, e.payload.to_positive_balance]), [['loan.paid_off', 'L1', '2024-03-01', 1264882.23, 100]]);
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

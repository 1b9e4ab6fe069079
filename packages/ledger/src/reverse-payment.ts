/**
 * Payment reversal (docs/ledger.md, "Payment reversal"): a returned or bounced payment is
 * taken out as if it had never been made. `apply` marks the payment's log record
 * (`reversal`) and replays the borrower from the payment's position (replay.ts); on every
 * replay a marked record applies nothing and only stays listed (`voidedPayment`). The
 * reversal's own record, on the day it is recorded, writes one history entry and answers.
 */
import type { CreatePaymentOperation, ReversePaymentOperation } from './api.js';
import { numToDay, type DayNum } from './calendar.js';
import type { List } from './cons.js';
import { requestIdOf, sortedBody, type OpContext, type Outcome } from './context.js';
import { ZERO, money, toDec } from './decimal.js';
import type { Draft } from './draft.js';
import { refusal, type Refusal } from './errors.js';
import type { LogRecord, PaymentRecord, ReversalMark } from './model.js';
import type { ReversePaymentResult } from './operations/reverse-payment.js';

/** Finds the payment a reversal names in the log: its position (oldest = 0) and record. */
export function locatePayment(
  log: List<LogRecord>,
  op: ReversePaymentOperation,
  day: DayNum,
  borrowerId: string,
): { ok: true; position: number; record: LogRecord } | Refusal {
  const context = { borrower_id: borrowerId, payment_id: op.paymentId };
  let position = log?.length ?? 0;
  for (let node = log; node !== null; node = node.tail) {
    position -= 1;
    const rec = node.head;
    if (rec.op.type !== 'create_payment' || rec.op.paymentId !== op.paymentId) continue;
    // A payment effective after the reversal's day did not exist yet on that day.
    if (rec.day > day) return refusal('payment_not_found', { ...context, payment_date: numToDay(rec.day), reversal_date: numToDay(day) });
    if (rec.reversal !== undefined) return refusal('payment_already_reversed', { ...context, reversal_date: numToDay(rec.reversal.day) });
    return { ok: true, position, record: { ...rec, reversal: { day, seq: op.seq, operationId: op.operationId } } };
  }
  return refusal('payment_not_found', context);
}

/** A reversed payment on replay: nothing is applied, the payment stays listed as reversed. */
export function voidedPayment(d: Draft, op: CreatePaymentOperation, day: DayNum, reversal: ReversalMark): void {
  d.addPayment({
    kind: 'payment',
    paymentId: op.paymentId,
    seq: op.seq,
    operationId: op.operationId,
    day,
    amount: toDec(op.body.payment.amount_paid),
    lines: [],
    positiveBalance: ZERO,
    loanId: null,
    reversedOn: reversal.day,
  });
}

function reversedListing(d: Draft, paymentId: string): PaymentRecord | undefined {
  for (let node = d.payments; node !== null; node = node.tail) {
    const p = node.head;
    if (p.kind === 'payment' && p.paymentId === paymentId && p.reversedOn !== undefined) return p;
  }
  return undefined;
}

export function reversePayment(ctx: OpContext<ReversePaymentOperation>): Outcome<ReversePaymentResult, 'payment.reversed'> {
  const { d, op } = ctx;
  const listing = reversedListing(d, op.paymentId);
  // apply() refuses an unknown payment before any replay; reaching here without the
  // voided listing can only be a replay of a log that no longer holds the payment.
  if (listing === undefined) return refusal('payment_not_found', { borrower_id: ctx.borrowerId, payment_id: op.paymentId });
  d.record({ loanId: null, installment: null, bucket: 'payment', status: 'reversed', delta: ZERO, balance: ZERO, step: 'payment_reversal' });
  const reason = op.body.payment_reversal?.reason ?? null;
  const reversedAmount = money(listing.amount);
  return {
    ok: true,
    body: sortedBody<ReversePaymentResult>({
      id: op.operationId,
      kordev_id: ctx.kordevId,
      payment_id: op.paymentId,
      reason,
      request_id: requestIdOf(op),
      reversed_amount: reversedAmount,
    }),
    events: [{
      type: 'payment.reversed',
      loan_id: null,
      effective_date: numToDay(ctx.day),
      payload: { kordev_id: ctx.kordevId, payment_date: numToDay(listing.day), payment_id: op.paymentId, reason, reversed_amount: reversedAmount },
    }],
  };
}

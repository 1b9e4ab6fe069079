/**
 * Domain events (docs/events.md): each operation's fresh application carries its events in the
 * apply result; replays carry none; a back-dated operation's events say so.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, emptyState, statusAt, type ApplyResult, type BorrowerState, type LedgerOperation } from '../src/index.js';
import { TZ, cancel, consolidation, createLoan, payment, resetSeq, run, transfer, waiver } from './engine-helpers.js';
import { bodyOf } from './fixtures/results.js';

function applied(state: BorrowerState, op: LedgerOperation): { state: BorrowerState; result: ApplyResult } {
  const out = apply(state, op, TZ);
  assert.ok(out.result.ok, JSON.stringify(out.result.body));
  return out;
}

const eventsOf = (r: ApplyResult) => (r.ok ? r.events ?? [] : []);

test('every operation reports its domain event, with the terms as applied', () => {
  resetSeq();
  let s = emptyState('B1');
  let out = applied(s, createLoan('L1', { interest_rate: 0.5 }, { id: 'CAP', version: 2, usury_rate: 0.4, usury_behavior: 'cap', daily_fee_max_charge: null, late_fee_amount: null, late_fee_grace_days: 0 }));
  assert.deepEqual(eventsOf(out.result).map((e) => [e.type, e.loan_id, e.effective_date]), [['loan.originated', 'L1', '2024-01-15']]);
  const originated = eventsOf(out.result)[0]!.payload;
  assert.equal(originated.interest_rate, 0.4, 'the applicable rate, after the usury cap');
  assert.equal(originated.amount_financed, 1200000);
  assert.equal(originated.kordev_id, 1);
  assert.equal(originated.number_of_installments, 6);
  assert.equal(originated.back_dated, false);
  assert.equal(originated.replayed_operations, 0);
  s = out.state;

  out = applied(s, payment('P1', 150000, '2024-02-25'));
  const [paid] = eventsOf(out.result);
  assert.equal(paid!.type, 'payment.applied');
  assert.equal(paid!.loan_id, null);
  assert.equal(paid!.effective_date, '2024-02-25');
  assert.equal(paid!.payload.payment_id, 'P1');
  assert.equal(paid!.payload.amount_paid, 150000);
  assert.deepEqual(paid!.payload.applied_allocations, bodyOf('create_payment', out.result).applied_allocations);
  s = out.state;

  out = applied(s, waiver('L1', 'W1', '2024-03-25', { bucket: 'installment_fee', type: 'amount', amount: 5000 }));
  assert.deepEqual(eventsOf(out.result).map((e) => [e.type, e.loan_id, e.payload.waived_amount, e.payload.waiver_id]), [['waiver.applied', 'L1', 5000, 'W1']]);
  s = out.state;

  out = applied(s, transfer('L1', 'BANK_2', '2024-04-01'));
  const [moved] = eventsOf(out.result);
  assert.equal(moved!.type, 'loan.ownership_transferred');
  assert.equal(moved!.payload.previous_owner, 'BANK_1');
  assert.equal(moved!.payload.new_owner, 'BANK_2');
  s = out.state;

  out = applied(s, createLoan('L2'));
  s = out.state;
  out = applied(s, cancel('L2', '2024-04-02'));
  assert.deepEqual(eventsOf(out.result).map((e) => [e.type, e.loan_id, e.effective_date, e.payload.refunded_to_positive_balance]), [['loan.cancelled', 'L2', '2024-04-02', 0]]);
  s = out.state;

  out = applied(s, consolidation('C1', ['L1'], '2024-04-05'));
  const events = eventsOf(out.result);
  assert.deepEqual(events.map((e) => [e.type, e.loan_id]), [['loan.consolidated', 'L1'], ['loan.originated', 'C1']]);
  assert.equal(events[0]!.payload.consolidation_id, 'C1');
  assert.equal(events[0]!.payload.carried_amount, events[1]!.payload.amount_financed, 'one original loan: it carried the whole new principal');
  assert.deepEqual(events[1]!.payload.original_loans, ['L1']);
});

test('a refusal reports no event', () => {
  resetSeq();
  const s = run([createLoan('L1')]);
  const out = apply(s, waiver('L9', 'W1', '2024-02-01', { bucket: 'all', type: 'amount', amount: 1 }), TZ);
  assert.equal(out.result.ok, false);
  assert.equal((out.result as { events?: unknown }).events, undefined);
});

test('back-dated: the new operation says back_dated and how many were replayed; replays emit nothing', () => {
  resetSeq();
  let s = run([createLoan('L1')]);
  const later = applied(s, payment('P2', 50000, '2024-03-01'));
  const laterEvent = eventsOf(later.result)[0]!;
  s = later.state;
  const waived = applied(s, waiver('L1', 'W1', '2024-03-05', { bucket: 'interest', type: 'amount', amount: 100 }));
  s = waived.state;
  // P1 is effective before P2 and W1: both are replayed after it, P2 now allocates differently.
  const back = applied(s, payment('P1', 229630.19, '2024-02-10'));
  const events = eventsOf(back.result);
  assert.equal(events.length, 1, 'only the back-dated payment reports an event');
  assert.equal(events[0]!.payload.payment_id, 'P1');
  assert.equal(events[0]!.payload.back_dated, true);
  assert.equal(events[0]!.payload.replayed_operations, 2);
  // P2's event stands as written at its own application (installment 1 was overdue: 4 033.64
  // of principal after its delinquency interest, fee and interest); the status now shows P2's
  // allocation after P1 (installment 2: 13 429.32 of principal, spec-backdated.test.ts).
  assert.equal((laterEvent.payload.applied_allocations as any[])[0].buckets.principal, 4033.64);
  assert.equal(laterEvent.payload.back_dated, false);
  const p2 = statusAt(back.state, '2024-03-01', TZ).payments.find((p) => p.id === 'P2')!;
  assert.equal(p2.allocations.filter((a) => a.bucket === 'principal').reduce((sum, a) => sum + a.amount, 0), 13429.32);
});

test('an operation on the same day as the last one, accepted after it, is not back-dated', () => {
  resetSeq();
  const s = run([createLoan('L1'), payment('P1', 1000, '2024-02-10')]);
  const out = applied(s, payment('P2', 1000, '2024-02-10'));
  assert.equal(eventsOf(out.result)[0]!.payload.back_dated, false);
});

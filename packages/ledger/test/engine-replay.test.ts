/**
 * Back-dated operations, snapshots, kordev_id stability, serialization and the cost shape
 * of `apply` (what a non-back-dated apply shares with the previous state).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, emptyState, historyOf, statusAt, type BorrowerState } from '../src/index.js';
import type { LedgerOperation } from '../src/api.js';
import { cancel, consolidation, createLoan, payment, resetSeq, run, TZ, waiver } from './engine-helpers.js';
import { documentOf, throughDocument } from './fixtures/legacy-document.js';

function principalPaid(s: BorrowerState, day: string, loan = 'L1'): number {
  return statusAt(s, day, TZ).loans.find((l) => l.attributes.id === loan)!.balance_detail.at_calculation_date.principal.paid;
}

test('in-order apply shares the log, the history and untouched loans with the previous state', () => {
  resetSeq();
  const s1 = run([createLoan('L1'), createLoan('L2', { due_dates: ['2024-03-01T00:00:00-05:00'] }), payment('P0', 100, '2024-01-16', [{ loan_id: 'L2', amount: 100 }])]);
  const { state: s2 } = apply(s1, payment('P1', 1000, '2024-01-16', [{ loan_id: 'L1', amount: 1000 }]), TZ);
  assert.equal(s2.log!.tail, s1.log, 'log appended, not copied');
  assert.equal(s2.live.loans.L2, s1.live.loans.L2, 'a loan the payment did not touch is shared');
  assert.notEqual(s2.live.loans.L1, s1.live.loans.L1);
  // installments 2..6 of L1 were not touched: shared objects
  assert.equal(s2.live.loans.L1!.installments[3], s1.live.loans.L1!.installments[3]);
  let node = s2.live.history;
  while (node !== null && node.length > (s1.live.history?.length ?? 0)) node = node.tail;
  assert.equal(node, s1.live.history, 'history appended, not copied');
});

test('a back-dated payment is placed by effective day and the later state recomputed', () => {
  resetSeq();
  // P1 on 02-20 pays inst 1; P0 (accepted later, effective 02-10) pays 50000 before it.
  const late = run([createLoan('L1'), payment('P1', 100000, '2024-02-20')]);
  const both = run([payment('P0', 50000, '2024-02-10')], late);
  const fresh = run([createLoan('L1'), payment('P0', 50000, '2024-02-10'), payment('P1', 100000, '2024-02-20')]);
  // Same money, same days: the same figures whatever the arrival order (kordev aside).
  const strip = (x: unknown) => JSON.stringify(x, (k, v) => (k === 'kordev_id' || k === 'id' ? undefined : v));
  assert.equal(strip(statusAt(both, '2024-03-01', TZ).loans[0]!.balance_detail), strip(statusAt(fresh, '2024-03-01', TZ).loans[0]!.balance_detail));
  // 02-10: 150000 paid in total; inst 1 (229630.19 with fee) not yet due, nothing overdue.
  assert.equal(statusAt(both, '2024-02-11', TZ).summary.immediate_payment_amount, 0);
  assert.equal(principalPaid(both, "2024-02-11"), 6357.11); // 50000 - fee 10000 - interest 33642.89
});

test('kordev_id follows acceptance order and is stable across back-dated replays', () => {
  resetSeq();
  let s = run([createLoan('L1'), payment('P1', 1000, '2024-02-20')]);
  const out = apply(s, payment('P0', 500, '2024-02-10'), TZ);
  assert.ok(out.result.ok);
  assert.equal(out.result.body.kordev_id, 3);
  s = out.state;
  const payments = statusAt(s, '2024-03-01', TZ).payments;
  assert.deepEqual(payments.map((p) => [p.id, p.kordev_id]), [['P0', 3], ['P1', 2]]);
  assert.equal(statusAt(s, '2024-03-01', TZ).loans[0]!.attributes.kordev_id, 1);
});

test('replay: a later amount waiver now above what is owed is lowered to what is owed (clamped)', () => {
  resetSeq();
  // W1 waives 30000 of overdue_interest on 02-20 (inst 1 interest 33642.89 owed). Then a
  // back-dated payment on 02-16 pays 20000 into inst 1: fee 10000, interest 10000 -> 23642.89 left.
  let s = run([createLoan('L1'), waiver('L1', 'W1', '2024-02-20', { type: 'amount', amount: 30000, bucket: 'overdue_interest' })]);
  s = run([payment('P0', 20000, '2024-02-16')], s);
  const interest = statusAt(s, '2024-02-21', TZ).loans[0]!.balance_detail.at_calculation_date.interest;
  assert.equal(interest.paid, 10000);
  assert.equal(interest.waived_off, 23642.89);
  assert.equal(interest.overdue, 0);
  assert.equal(s.log!.head.effect, 'clamped');
});

test('replay: a later operation made impossible is voided deterministically, never thrown', () => {
  resetSeq();
  // A waiver on 02-20 succeeded; a cancellation effective 02-01 arrives later: on replay the
  // waiver meets a cancelled loan and has no effect; its original 200 stays its result.
  let s = run([createLoan('L1'), waiver('L1', 'W1', '2024-02-20', { type: 'amount', amount: 100, bucket: 'interest' })]);
  s = run([cancel('L1', '2024-02-01')], s);
  const loan = statusAt(s, '2024-03-01', TZ).loans[0]!;
  assert.equal(loan.attributes.is_cancelled, true);
  assert.equal(loan.balance_detail.at_calculation_date.interest.waived_off, 0);
  const effects = [];
  for (let n = s.log; n !== null; n = n.tail) effects.push([n.head.op.type, n.head.effect]);
  assert.deepEqual(effects, [['create_waiver', 'voided'], ['cancel_loan', 'applied'], ['create_loan', 'applied']]);
  // Before the cancellation's day the loan is as it was.
  assert.equal(statusAt(s, '2024-01-31', TZ).loans[0]!.attributes.is_cancelled, false);
});

test('replay: a payment allocated to a loan consolidated earlier goes to positive balance', () => {
  resetSeq();
  let s = run([createLoan('L1'), createLoan('L2'), payment('P1', 700, '2024-03-01', [{ loan_id: 'L1', amount: 700 }])]);
  s = run([consolidation('C1', ['L1'], '2024-02-01')], s);
  const st = statusAt(s, '2024-03-02', TZ);
  assert.equal(st.loans.find((l) => l.attributes.id === 'L1')!.attributes.is_consolidated, true);
  assert.equal(st.positive_balance, 700);
});

test('back-dated across many snapshots equals applying everything in effective order', () => {
  resetSeq();
  const ops: LedgerOperation[] = [createLoan('L1', { daily_fee_charge: 10 })];
  for (let i = 0; i < 90; i++) ops.push(payment(`P${i}`, 1234.56, day(20 + i)));
  const back = payment('PB', 50000, '2024-02-03');
  const late = run([...ops, back]);
  const inOrder = run([...ops.slice(0, 15), { ...back, seq: 0 }, ...ops.slice(15)]);
  for (const d of ['2024-02-02', '2024-02-04', '2024-03-15', '2024-05-01', '2024-09-01']) {
    const a = statusAt(late, d, TZ);
    const b = statusAt(inOrder, d, TZ);
    assert.deepEqual(a.loans[0]!.balance_detail, b.loans[0]!.balance_detail, d);
    assert.equal(a.positive_balance, b.positive_balance);
  }
  assert.deepEqual(historyOf(late, TZ).map((h) => [h.delta, h.balance]), historyOf(inOrder, TZ).map((h) => [h.delta, h.balance]));
});

test('status on a past day is the state as it was then (replayed from a snapshot)', () => {
  resetSeq();
  const ops: LedgerOperation[] = [createLoan('L1')];
  for (let i = 0; i < 70; i++) ops.push(payment(`P${i}`, 1000, day(10 + i)));
  const all = run(ops);
  // ops[k] (k >= 1) is effective on day(9 + k): the prefix through day(D) is ops[0..D-9].
  for (const d of [12, 49, 50]) assert.deepEqual(statusAt(all, day(d), TZ), statusAt(run(ops.slice(0, d - 8)), day(d), TZ));
});

test('serialize -> JSON -> deserialize keeps status, history and later applies identical', () => {
  resetSeq();
  const ops: LedgerOperation[] = [createLoan('L1', { daily_fee_charge: 15 }), createLoan('L2')];
  for (let i = 0; i < 75; i++) ops.push(payment(`P${i}`, 2500, day(5 + i * 2)));
  const s = run(ops);
  const copy = throughDocument(s);
  assert.deepEqual(statusAt(copy, '2024-06-01', TZ), statusAt(s, '2024-06-01', TZ));
  assert.deepEqual(statusAt(copy, '2024-02-01', TZ), statusAt(s, '2024-02-01', TZ));
  assert.deepEqual(historyOf(copy, TZ), historyOf(s, TZ));
  const next = payment('PX', 99999, '2024-02-10'); // back-dated: uses a deserialized snapshot
  assert.deepEqual(statusAt(apply(copy, next, TZ).state, '2024-07-01', TZ), statusAt(apply(s, next, TZ).state, '2024-07-01', TZ));
});

test('statusAt never mutates the state it reads', () => {
  resetSeq();
  const s = run([createLoan('L1', { daily_fee_charge: 100 }), payment('P1', 10, '2024-01-20')]);
  const before = documentOf(s);
  statusAt(s, '2025-01-01', TZ);
  statusAt(s, '2024-01-16', TZ);
  historyOf(s, TZ, '2024-12-01');
  assert.equal(documentOf(s), before);
});

function day(offset: number): string {
  return new Date(Date.UTC(2024, 0, 15) + offset * 86_400_000).toISOString().slice(0, 10);
}

void emptyState;

/**
 * docs/ledger.md "Payment reversal". Worked example (R 0.3848); figures from derive.py:
 *   unpaid, inst1 accrues 14 days (02-16..02-29) = 2323.47 by the status of 03-01
 *   ("charge-off" section); 100000 on 02-17 meets 165.96 of delinquency interest (1 day).
 * The core claim is the twin: after the reversal the borrower's status is, on every day,
 * the status of a borrower who never made the payment (property-reversal.test.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, historyOf, persistDelta, restoreState, statusAt } from '../src/index.js';
import { payment, TZ, WORKED, waiver } from './fixtures/ops.js';
import { LifecycleBook, reimbursement, reversal } from './fixtures/lifecycle-ops.js';
import { bucket, m, paymentsOf, positiveBalance } from './fixtures/read.js';
import { withoutPayment } from './fixtures/twin.js';
import { throughDocument } from './fixtures/legacy-document.js';

function book() {
  const b = new LifecycleBook();
  b.loan('L1', WORKED);
  return b;
}

test('the reversed payment is taken out from its day on; it stays listed as reversed', () => {
  const b = book();
  b.pay('P1', 100000, '2024-02-17');
  // 100000 - delinquency 165.96 (02-16) - fee 10000 - interest 33642.89
  assert.equal(bucket(b.status('2024-03-01'), 'L1', 'principal').paid, '56191.15');
  const body = b.reverse('P1', '2024-03-05', 'NSF');
  assert.deepEqual(Object.keys(body), ['id', 'kordev_id', 'payment_id', 'reason', 'request_id', 'reversed_amount']);
  assert.equal(body.payment_id, 'P1');
  assert.equal(m(body.reversed_amount), '100000.00');
  assert.equal(body.reason, 'NSF');
  const s = b.status('2024-03-01');
  assert.equal(bucket(s, 'L1', 'delinquency_interest').total, '2323.47');
  assert.equal(bucket(s, 'L1', 'principal').paid, '0.00');
  const [listed] = paymentsOf(s).filter((p: any) => p.id === 'P1');
  assert.equal(listed.is_reversed, true);
  assert.equal(listed.reversal_date, '2024-03-05');
  assert.equal(m(listed.amount), '100000.00');
  assert.deepEqual(listed.allocations, []);
});

test('refusals: unknown payment 404, already reversed 409, a reversal dated before the payment 404', () => {
  const b = book();
  b.pay('P1', 100000, '2024-02-17');
  b.refuse(reversal(b.next(), 'NOPE', '2024-03-01'), 'payment_not_found');
  b.refuse(reversal(b.next(), 'P1', '2024-02-10'), 'payment_not_found');
  b.reverse('P1', '2024-03-01');
  b.refuse(reversal(b.next(), 'P1', '2024-03-02'), 'payment_already_reversed');
});

test('history: the payment entries are gone; one payment/reversed entry of the reversal', () => {
  const b = book();
  b.pay('P1', 100000, '2024-02-17');
  b.reverse('P1', '2024-03-05');
  const h = historyOf(b.state, TZ);
  assert.equal(h.filter((e) => e.step_type === 'PAYMENT_APPLICATION').length, 0);
  const rev = h.filter((e) => e.step_type === 'PAYMENT_REVERSAL');
  assert.deepEqual(rev.map((e) => [e.bucket_type, e.bucket_status, e.delta, e.balance, e.effective_date]), [['payment', 'reversed', 0, 0, '2024-03-05']]);
});

test('back-dated interplay: a reversal before a waiver recomputes the waiver on what is owed without the payment', () => {
  // 100000 on 02-17 pays inst1 interest (33642.89) in full, so 50% of overdue interest on 02-20 is 0;
  // without it the waiver takes 50% of 33642.89 = 16821.45 (half up of 16821.445).
  const b = book();
  b.pay('P1', 100000, '2024-02-17');
  b.waive('L1', 'W1', { bucket: 'overdue_interest', type: 'percentage', percentage: 0.5, day: '2024-02-20' });
  assert.equal(bucket(b.status('2024-02-21'), 'L1', 'interest').waived, '0.00');
  b.reverse('P1', '2024-03-01');
  assert.equal(bucket(b.status('2024-02-21'), 'L1', 'interest').waived, '16821.45');
});

test('a reimbursement of the positive balance the payment had made is lowered on replay (clamped)', () => {
  const b = book();
  b.pay('P0', 1000, '2024-01-20', [{ loan_id: 'L1', amount: 1000 }]);
  b.pay('P1', 2000000, '2024-01-21'); // pays everything; the rest is positive balance
  const pb = positiveBalance(b.status('2024-01-22'));
  b.ok(reimbursement(b.next(), 'R1', '2024-01-25', Number(pb)));
  b.reverse('P1', '2024-02-01');
  const s = b.status('2024-02-02');
  assert.equal(positiveBalance(s), '0.00');
  assert.equal(bucket(s, 'L1', 'installment_fee').paid, '1000.00');
  let effect: string | undefined;
  for (let node = b.state.log; node !== null; node = node.tail) if (node.head.op.type === 'create_reimbursement') effect = node.head.effect;
  assert.equal(effect, 'clamped');
});

test('the reversal survives storage: serialize and head + items round trips', () => {
  const b = book();
  b.pay('P1', 100000, '2024-02-17');
  const before = b.state;
  b.reverse('P1', '2024-03-05');
  const doc = throughDocument(b.state);
  const delta = persistDelta(undefined, b.state);
  const items = Object.fromEntries(Object.entries(delta.lists).map(([k, v]) => [k, JSON.parse(JSON.stringify(v.append))]));
  const restored = restoreState(JSON.parse(JSON.stringify(delta.head)), items as any);
  const want = JSON.stringify(statusAt(b.state, '2024-04-01', TZ));
  assert.equal(JSON.stringify(statusAt(doc, '2024-04-01', TZ)), want);
  assert.equal(JSON.stringify(statusAt(restored, '2024-04-01', TZ)), want);
  // reversing again after a restore is still refused
  assert.equal(apply(restored, reversal(99, 'P1', '2024-04-01'), TZ).result.statusCode, 409);
  // a later back-dated operation replays through the reversed payment without applying it
  const later = apply(doc, payment(100, 'P2', 10, '2024-02-10'), TZ);
  assert.equal(bucket(statusAt(later.state, '2024-03-01', TZ), 'L1', 'delinquency_interest').total, '2323.47');
  assert.ok(persistDelta(before, b.state).lists.log.keep < (before.log?.length ?? 0) + 1);
});

test('the twin: same status as a borrower who never made the payment, on any day', () => {
  const b = book();
  const twin = book();
  b.pay('P0', 50000, '2024-02-20');
  twin.pay('P0', 50000, '2024-02-20');
  b.pay('P1', 300000, '2024-03-10');
  twin.next();
  b.waive('L1', 'W1', { bucket: 'all', type: 'percentage', percentage: 0.1, day: '2024-04-01' });
  twin.waive('L1', 'W1', { bucket: 'all', type: 'percentage', percentage: 0.1, day: '2024-04-01' });
  b.reverse('P1', '2024-04-10');
  for (const day of ['2024-03-10', '2024-03-11', '2024-03-16', '2024-04-02', '2024-06-01', '2024-08-01']) {
    assert.deepEqual(withoutPayment(b.status(day), 'P1'), withoutPayment(twin.status(day), 'P1'), day);
  }
});

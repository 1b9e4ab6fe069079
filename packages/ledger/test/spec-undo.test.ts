/**
 * docs/ledger.md "Cancellation reversal" and "Consolidation cancellation": the operation is
 * taken out as if never made (back-dated replay); the borrower has, on every day, the status
 * of a twin on whom it was never done (kordev ids aside: fixtures/strip.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, historyOf, persistDelta, restoreState, statusAt } from '../src/index.js';
import { cancel, payment, TZ, WORKED } from './fixtures/ops.js';
import { chargeOff, restructuring } from './fixtures/lifecycle-ops.js';
import { CorrectionBook, cancelConsolidation, revertCancellation } from './fixtures/correction-ops.js';
import { bucket, isCancelled, loansOf, loanIdOf, paymentsOf, positiveBalance } from './fixtures/read.js';
import { withoutKordev } from './fixtures/strip.js';
import { throughDocument } from './fixtures/legacy-document.js';

const SMALL = { amount: 300000, rate: 0.24, origination: '2024-01-15', dues: ['2024-02-15', '2024-03-15', '2024-04-15'] };
const DAYS = ['2024-01-15', '2024-02-15', '2024-02-16', '2024-03-01', '2024-03-02', '2024-03-10', '2024-03-16', '2024-04-16', '2024-09-01'];

function cancelledBook() {
  const b = new CorrectionBook();
  b.loan('L1', WORKED);
  b.loan('L2', SMALL);
  b.pay('P1', 100000, '2024-02-10', [{ loan_id: 'L1', amount: 100000 }]);
  b.cancel('L1', '2024-03-01');
  b.pay('P2', 50000, '2024-03-05');
  return b;
}

function twinOfCancelled() {
  const t = new CorrectionBook();
  t.loan('L1', WORKED);
  t.loan('L2', SMALL);
  t.pay('P1', 100000, '2024-02-10', [{ loan_id: 'L1', amount: 100000 }]);
  t.pay('P2', 50000, '2024-03-05');
  return t;
}

test('reverting a cancellation: the loan is open again, as if never cancelled, on every day', () => {
  const b = cancelledBook();
  assert.ok(isCancelled(b.status('2024-03-02'), 'L1'));
  assert.equal(positiveBalance(b.status('2024-03-02')), '100000.00');
  const body = b.revertCancel('L1', '2024-03-10');
  assert.deepEqual(Object.keys(body), ['cancellation_date', 'cancellation_reversal', 'id', 'kordev_id', 'loan_id', 'request_id']);
  assert.equal(body.cancellation_date, '2024-03-01T00:00:00-05:00');
  assert.deepEqual(body.cancellation_reversal, { reason: 'by mistake' });
  assert.equal(body.loan_id, 'L1');
  const twin = twinOfCancelled();
  for (const day of DAYS) assert.deepEqual(withoutKordev(b.status(day)), withoutKordev(twin.status(day)), `status on ${day}`);
  assert.ok(!isCancelled(b.status('2024-09-01'), 'L1'));
  const entry = historyOf(b.state, TZ).find((e) => e.step_type === 'CANCELLATION_REVERSAL');
  assert.deepEqual([entry!.loan_id, entry!.bucket_type, entry!.bucket_status, entry!.effective_date], ['L1', 'loan', 'cancellation_reverted', '2024-03-10']);
  assert.equal(historyOf(b.state, TZ).some((e) => e.step_type === 'CANCELLATION'), false);
});

test('reverting: unknown loan 404; not cancelled 409; already reverted 409; cancelled after the reversal day 409', () => {
  const b = cancelledBook();
  b.refuse(revertCancellation(b.next(), 'L9', '2024-03-10'), 'loan_not_found');
  b.refuse(revertCancellation(b.next(), 'L2', '2024-03-10'), 'loan_not_cancelled');
  b.revertCancel('L1', '2024-03-10');
  const again = b.refuse(revertCancellation(b.next(), 'L1', '2024-03-11'), 'cancellation_already_reverted');
  assert.deepEqual(again.context, { borrower_id: 'B1', cancellation_date: '2024-03-01', loan_id: 'L1', reverted_on: '2024-03-10' });
  b.ok(cancel(b.next(), 'L2', '2024-05-01', '2024-03-12T10:00:00-05:00'));
  b.refuse(revertCancellation(b.next(), 'L2', '2024-03-12'), 'loan_not_cancelled');
  b.revertCancel('L2', '2024-05-01');
});

test('a later back-dated operation replays through the reverted cancellation; storage round trips', () => {
  const b = cancelledBook();
  const before = b.state;
  b.revertCancel('L1', '2024-03-10');
  const doc = throughDocument(b.state);
  const delta = persistDelta(undefined, b.state);
  const items = Object.fromEntries(Object.entries(delta.lists).map(([k, v]) => [k, JSON.parse(JSON.stringify(v.append))]));
  const restored = restoreState(JSON.parse(JSON.stringify(delta.head)), items as any);
  const want = JSON.stringify(statusAt(b.state, '2024-04-01', TZ));
  assert.equal(JSON.stringify(statusAt(doc, '2024-04-01', TZ)), want);
  assert.equal(JSON.stringify(statusAt(restored, '2024-04-01', TZ)), want);
  assert.equal(apply(restored, revertCancellation(99, 'L1', '2024-04-01'), TZ).result.statusCode, 409);
  const later = apply(restored, payment(100, 'P0', 10, '2024-01-20', [{ loan_id: 'L1', amount: 10 }]), TZ);
  assert.ok(later.result.ok);
  assert.ok(!isCancelled(statusAt(later.state, '2024-04-01', TZ), 'L1'));
  assert.ok(persistDelta(before, b.state).lists.log.keep < (before.log?.length ?? 0) + 1);
});

function consolidatedBook() {
  const b = new CorrectionBook();
  b.loan('L1', WORKED);
  b.loan('L2', SMALL);
  b.pay('P1', 100000, '2024-02-10');
  b.consolidate('C1', { originalLoans: ['L1', 'L2'], day: '2024-03-01', dues: ['2024-04-01', '2024-05-01'], rate: 0.3 });
  return b;
}

test('cancelling a consolidation: the originals are open again and the new loan is gone, on every day', () => {
  const b = consolidatedBook();
  b.pay('P2', 40000, '2024-03-20');
  const body = b.cancelConsolidation('C1', '2024-03-25');
  assert.deepEqual(Object.keys(body), ['consolidation_cancellation', 'consolidation_date', 'consolidation_id', 'id', 'kordev_id', 'original_loans', 'request_id']);
  assert.equal(body.consolidation_date, '2024-03-01T00:00:00-05:00');
  assert.deepEqual(body.original_loans, ['L1', 'L2']);
  const twin = new CorrectionBook();
  twin.loan('L1', WORKED);
  twin.loan('L2', SMALL);
  twin.pay('P1', 100000, '2024-02-10');
  twin.pay('P2', 40000, '2024-03-20');
  for (const day of DAYS) assert.deepEqual(withoutKordev(b.status(day)), withoutKordev(twin.status(day)), `status on ${day}`);
  assert.deepEqual(loansOf(b.status('2024-09-01')).map(loanIdOf), ['L1', 'L2']);
  const reopened = historyOf(b.state, TZ).filter((e) => e.step_type === 'CONSOLIDATION_CANCELLATION');
  assert.deepEqual(reopened.map((e) => [e.loan_id, e.bucket_status]), [['L1', 'reopened'], ['L2', 'reopened']]);
});

test('a payment that named the new loan goes to the positive balance; other operations on it are voided', () => {
  const b = consolidatedBook();
  b.pay('P2', 40000, '2024-03-20', [{ loan_id: 'C1', amount: 40000 }]);
  b.waive('C1', 'W1', { bucket: 'interest', type: 'percentage', percentage: 0.1, day: '2024-03-21' });
  b.adjust('C1', 'ADJ1', { day: '2024-03-22', bucket: 'principal', amount: 100 });
  b.cancelConsolidation('C1', '2024-03-25');
  assert.equal(positiveBalance(b.status('2024-03-21')), '40000.00');
  const p2 = paymentsOf(b.status('2024-03-21')).find((p: any) => p.id === 'P2');
  assert.ok(p2 !== undefined);
  // nothing of P2 reached the reopened loans on its day (it waits, as positive balance, for their next due day)
  assert.equal(bucket(b.status('2024-03-21'), 'L2', 'principal').paid, bucket(b.status('2024-03-19'), 'L2', 'principal').paid);
  assert.deepEqual(loansOf(b.status('2024-03-21')).map(loanIdOf), ['L1', 'L2']);
  // the waiver and the adjustment of the loan that is gone are voided on the replay
  const effects: string[] = [];
  for (let node = b.state.log; node !== null; node = node.tail) if (['W1', 'ADJ1'].includes(node.head.op.waiverId ?? node.head.op.adjustmentId)) effects.push(node.head.effect);
  assert.deepEqual(effects, ['voided', 'voided']);
});

test('cancelling a consolidation: unknown 404; already cancelled 409; new loan cancelled, consolidated, charged off or restructured 409', () => {
  const b = consolidatedBook();
  b.refuse(cancelConsolidation(b.next(), 'C9', '2024-03-25'), 'consolidation_not_found');
  b.refuse(cancelConsolidation(b.next(), 'C1', '2024-02-25'), 'consolidation_not_found');
  b.ok(cancel(b.next(), 'C1', '2024-03-10'));
  const inUse = b.refuse(cancelConsolidation(b.next(), 'C1', '2024-03-25'), 'consolidated_loan_in_use');
  assert.deepEqual(inUse.context, { borrower_id: 'B1', consolidation_id: 'C1', loan_id: 'C1', loan_state: 'cancelled' });
  // undo in reverse order: revert the new loan's cancellation first
  b.revertCancel('C1', '2024-03-25');
  b.cancelConsolidation('C1', '2024-03-26');
  b.refuse(cancelConsolidation(b.next(), 'C1', '2024-03-27'), 'consolidation_already_cancelled');

  const c = consolidatedBook();
  c.loan('L3', { ...SMALL, origination: '2024-03-01', dues: ['2024-04-01'] });
  c.consolidate('C2', { originalLoans: ['C1', 'L3'], day: '2024-03-10', dues: ['2024-04-10'], rate: 0.3 });
  assert.equal(c.refuse(cancelConsolidation(c.next(), 'C1', '2024-03-25'), 'consolidated_loan_in_use').context.loan_state, 'consolidated');
  c.cancelConsolidation('C2', '2024-03-25');
  c.cancelConsolidation('C1', '2024-03-26');
  assert.deepEqual(loansOf(c.status('2024-04-01')).map(loanIdOf), ['L1', 'L2', 'L3']);

  const d = consolidatedBook();
  d.ok(chargeOff(d.next(), 'C1', '2024-03-10'));
  assert.equal(d.refuse(cancelConsolidation(d.next(), 'C1', '2024-03-25'), 'consolidated_loan_in_use').context.loan_state, 'charged_off');
  const e = consolidatedBook();
  e.ok(restructuring(e.next(), 'C1', 'RS1', { day: '2024-03-10', dues: ['2024-06-10'] }));
  assert.equal(e.refuse(cancelConsolidation(e.next(), 'C1', '2024-03-25'), 'consolidated_loan_in_use').context.loan_state, 'restructured');
});

test('domain events loan.cancellation_reverted and loan.consolidation_cancelled', () => {
  const b = cancelledBook();
  const out = apply(b.state, revertCancellation(b.next(), 'L1', '2024-03-10'), TZ);
  assert.ok(out.result.ok);
  assert.deepEqual(out.result.events, [{
    type: 'loan.cancellation_reverted', loan_id: 'L1', effective_date: '2024-03-10',
    payload: { back_dated: false, cancellation_date: '2024-03-01T00:00:00-05:00', kordev_id: 6, reason: 'by mistake', replayed_operations: 0 },
  }]);
  const c = consolidatedBook();
  const out2 = apply(c.state, cancelConsolidation(c.next(), 'C1', '2024-03-25'), TZ);
  assert.ok(out2.result.ok);
  assert.deepEqual(out2.result.events, [{
    type: 'loan.consolidation_cancelled', loan_id: 'C1', effective_date: '2024-03-25',
    payload: { back_dated: false, consolidation_date: '2024-03-01T00:00:00-05:00', consolidation_id: 'C1', kordev_id: 5, original_loans: ['L1', 'L2'], reason: 'by mistake', replayed_operations: 0 },
  }]);
});


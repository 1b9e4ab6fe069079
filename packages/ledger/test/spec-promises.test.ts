/**
 * docs/ledger.md "Promise to pay": a promise is `active` from its effective day, `kept` as soon
 * as the payments that count (from that day through its due date; to its loan when it names
 * one) reach its amount, `broken` from the day after its due date otherwise, `canceled` by its
 * cancellation. Figures: fixtures/derive.py, section "spec-promises".
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, persistDelta, portfolioPromisesOf, restoreState, StoredLedgerError, type ApplyResult, type LedgerEvent } from '../src/index.js';
import { cancel, payment, TZ, WORKED } from './fixtures/ops.js';
import { chargeOff, reversal } from './fixtures/lifecycle-ops.js';
import { promise, promiseCancellation, PromiseBook } from './fixtures/promise-ops.js';
import { m } from './fixtures/read.js';

// derive.py "spec-promises": installment 1 of the worked loan.
const PROMISED = 229630.19;
const P1 = 100000;
const P2 = 129630.19;

function withLoan(): PromiseBook {
  const b = new PromiseBook();
  b.loan('L1', WORKED);
  return b;
}

function eventsOf(result: ApplyResult): LedgerEvent[] {
  assert.ok(result.ok, JSON.stringify(result.body));
  return result.events ?? [];
}

const kept = (result: ApplyResult) => eventsOf(result).filter((e) => e.type === 'promise.kept');

test('create: the body echoes the promise with its state; get_status lists it from its effective day', () => {
  const b = withLoan();
  const body = b.promise('PR1', '2024-02-01', { amount: PROMISED, due: '2024-02-15', loanId: 'L1' });
  assert.deepEqual(body, {
    effective_date: '2024-02-01', id: 'PR1', kordev_id: 2, paid_toward: 0,
    promise: { amount: PROMISED, due_date: '2024-02-15', loan_id: 'L1' }, request_id: 'r2', state: 'active',
  });
  assert.equal(b.status('2024-01-31').promises.length, 0);
  assert.deepEqual(b.promiseOn('PR1', '2024-02-01'), { id: 'PR1', loan_id: 'L1', amount: PROMISED, due_date: '2024-02-15', state: 'active', paid_toward: 0 });
  // No balance moves: the loan's status is the same as without the promise.
  const twin = withLoan();
  assert.deepEqual(b.status('2024-03-01').loans, twin.status('2024-03-01').loans);
});

test('kept by two partial payments: the second one reports promise.kept, once', () => {
  const b = withLoan();
  b.promise('PR1', '2024-02-01', { amount: PROMISED, due: '2024-02-15', loanId: 'L1' });
  assert.deepEqual(kept(b.run(payment(b.next(), 'P1', P1, '2024-02-05'))), []);
  assert.equal(b.promiseOn('PR1', '2024-02-10')!.state, 'active');
  assert.equal(m(b.promiseOn('PR1', '2024-02-10')!.paid_toward), '100000.00');
  const events = kept(b.run(payment(b.next(), 'P2', P2, '2024-02-14')));
  assert.deepEqual(events, [{
    type: 'promise.kept', loan_id: 'L1', effective_date: '2024-02-14',
    payload: { kordev_id: 4, promise_id: 'PR1', amount: PROMISED, due_date: '2024-02-15', paid_toward: PROMISED, back_dated: false, replayed_operations: 0 },
  }]);
  assert.equal(b.promiseOn('PR1', '2024-02-13')!.state, 'active');
  assert.equal(b.promiseOn('PR1', '2024-02-14')!.state, 'kept');
  assert.equal(b.promiseOn('PR1', '2024-06-01')!.state, 'kept');
  // A further payment within the window adds to paid_toward and reports nothing.
  assert.deepEqual(kept(b.run(payment(b.next(), 'P3', 10, '2024-02-15'))), []);
  assert.equal(m(b.promiseOn('PR1', '2024-06-01')!.paid_toward), '229640.19');
  assert.equal(portfolioPromisesOf(b.state, '2024-02-15')[0]!.breaks_on, null);
});

test('broken from the day after its due date; the read model says which close reports it', () => {
  const b = withLoan();
  b.promise('PR1', '2024-02-01', { amount: PROMISED, due: '2024-02-15' });
  b.pay('P1', P1, '2024-02-05');
  assert.equal(b.promiseOn('PR1', '2024-02-15')!.state, 'active');
  assert.deepEqual(b.promiseOn('PR1', '2024-02-16'), { id: 'PR1', loan_id: null, amount: PROMISED, due_date: '2024-02-15', state: 'broken', paid_toward: P1 });
  const [row] = portfolioPromisesOf(b.state, '2024-02-10');
  assert.deepEqual(row, {
    borrower_id: 'B1', promise_id: 'PR1', loan_id: null, amount: '229630.19', effective_date: '2024-02-01', due_date: '2024-02-15',
    state: 'active', paid_toward: '100000', as_of: '2024-02-10', breaks_on: '2024-02-16',
  });
  // A payment after the due date does not count, and keeps nothing.
  assert.deepEqual(kept(b.run(payment(b.next(), 'P2', 500000, '2024-02-16'))), []);
  assert.equal(b.promiseOn('PR1', '2024-03-01')!.state, 'broken');
  assert.equal(m(b.promiseOn('PR1', '2024-03-01')!.paid_toward), '100000.00');
});

test('only payments from the effective day through the due date count; same-day payments count', () => {
  const b = withLoan();
  b.pay('P0', 50000, '2024-01-31');
  b.promise('PR1', '2024-02-01', { amount: PROMISED, due: '2024-02-15' });
  b.pay('P1', P1, '2024-02-05');
  b.pay('P3', 200000, '2024-02-16');
  assert.equal(m(b.promiseOn('PR1', '2024-03-01')!.paid_toward), '100000.00');
  // A promise made on the day of a payment that already covers it is kept by its creation.
  const out = b.run(promise(b.next(), 'PR2', '2024-02-16', { amount: 150000, due: '2024-02-20' }));
  assert.equal((out.body as { state: string }).state, 'kept');
  assert.deepEqual(kept(out).map((e) => [e.payload.promise_id, e.effective_date, e.payload.paid_toward]), [['PR2', '2024-02-16', 200000]]);
});

test('a promise naming a loan counts what each payment applied to that loan only', () => {
  const b = withLoan();
  b.loan('L2', { ...WORKED, amount: 500000 });
  b.promise('PR1', '2024-02-01', { amount: 90000.55, due: '2024-02-15', loanId: 'L1' });
  b.promise('PR2', '2024-02-01', { amount: 90000.56, due: '2024-02-15', loanId: 'L1' });
  const events = kept(b.run(payment(b.next(), 'P1', 150000, '2024-02-05', [{ loan_id: 'L1', amount: 90000.55 }, { loan_id: 'L2', amount: 59999.45 }])));
  assert.deepEqual(events.map((e) => e.payload.promise_id), ['PR1']);
  assert.equal(m(b.promiseOn('PR2', '2024-02-16')!.paid_toward), '90000.55');
  assert.equal(b.promiseOn('PR2', '2024-02-16')!.state, 'broken');
});

test('a back-dated payment keeps a promise already broken: promise.kept, back-dated; the status says kept', () => {
  const b = withLoan();
  b.promise('PR1', '2024-02-01', { amount: PROMISED, due: '2024-02-15' });
  b.pay('P1', P1, '2024-02-05');
  b.pay('P9', 1, '2024-02-20'); // the borrower's timeline has moved past the due date
  assert.equal(b.promiseOn('PR1', '2024-02-20')!.state, 'broken');
  const events = kept(b.run(payment(b.next(), 'P2', P2, '2024-02-14')));
  assert.deepEqual(events.map((e) => [e.effective_date, e.payload.back_dated, e.payload.replayed_operations]), [['2024-02-14', true, 1]]);
  assert.equal(b.promiseOn('PR1', '2024-02-20')!.state, 'kept');
  assert.equal(portfolioPromisesOf(b.state, '2024-02-20')[0]!.breaks_on, null);
});

test('a back-dated payment into a promise already kept reports nothing again', () => {
  const b = withLoan();
  b.promise('PR1', '2024-02-01', { amount: PROMISED, due: '2024-02-15' });
  assert.equal(kept(b.run(payment(b.next(), 'P2', PROMISED, '2024-02-14'))).length, 1);
  assert.deepEqual(kept(b.run(payment(b.next(), 'P1', PROMISED, '2024-02-05'))), []);
  assert.equal(b.promiseOn('PR1', '2024-02-20')!.state, 'kept');
});

test('reversing the payment that kept it: active again before the due date, broken after; nothing reported', () => {
  const b = withLoan();
  b.promise('PR1', '2024-02-01', { amount: PROMISED, due: '2024-02-15' });
  b.pay('P1', P1, '2024-02-05');
  b.pay('P2', P2, '2024-02-14');
  assert.equal(b.promiseOn('PR1', '2024-02-14')!.state, 'kept');
  const out = b.run(reversal(b.next(), 'P2', '2024-02-20'));
  assert.deepEqual(kept(out), []);
  assert.equal(b.promiseOn('PR1', '2024-02-14')!.state, 'active');
  assert.equal(b.promiseOn('PR1', '2024-02-20')!.state, 'broken');
  assert.equal(m(b.promiseOn('PR1', '2024-02-20')!.paid_toward), '100000.00');
  // The next close of business reports it broken (the read model's breaks_on is back).
  assert.equal(portfolioPromisesOf(b.state, '2024-02-20')[0]!.breaks_on, '2024-02-16');
});

test('cancel: an active promise is canceled; kept, broken or canceled ones 409; unknown 404', () => {
  const b = withLoan();
  b.promise('PR1', '2024-02-01', { amount: PROMISED, due: '2024-02-15' });
  b.promise('PR2', '2024-02-01', { amount: 1000, due: '2024-02-15' });
  b.promise('PR3', '2024-02-01', { amount: PROMISED, due: '2024-02-10' });
  b.pay('P1', 1000, '2024-02-05'); // keeps PR2
  const body = b.cancelPromise('PR1', '2024-02-12');
  assert.deepEqual(body, {
    effective_date: '2024-02-12', id: `op-${b.seq}`, kordev_id: 6, paid_toward: 1000, promise_cancellation: { reason: 'RENEGOTIATED' },
    promise_id: 'PR1', request_id: `r${b.seq}`, state: 'canceled',
  });
  assert.equal(b.promiseOn('PR1', '2024-02-11')!.state, 'active');
  assert.equal(b.promiseOn('PR1', '2024-02-12')!.state, 'canceled');
  // Payments after the cancellation do not keep it; it never breaks.
  b.pay('P2', PROMISED, '2024-02-13');
  assert.equal(b.promiseOn('PR1', '2024-03-01')!.state, 'canceled');
  assert.equal(portfolioPromisesOf(b.state, '2024-03-01').find((p) => p.promise_id === 'PR1')!.breaks_on, null);
  const refusedKept = b.refuse(promiseCancellation(b.next(), 'PR2', '2024-02-13'), 'promise_not_active');
  assert.deepEqual(refusedKept.context, { borrower_id: 'B1', promise_id: 'PR2', state: 'kept', due_date: '2024-02-15' });
  assert.equal(b.refuse(promiseCancellation(b.next(), 'PR3', '2024-02-13'), 'promise_not_active').context.state, 'broken');
  assert.equal(b.refuse(promiseCancellation(b.next(), 'PR1', '2024-02-13'), 'promise_not_active').context.state, 'canceled');
  b.refuse(promiseCancellation(b.next(), 'NOPE', '2024-02-13'), 'promise_not_found');
});

test('a back-dated payment that would have kept a promise canceled later: the cancellation is voided on replay, the promise is kept', () => {
  const b = withLoan();
  b.promise('PR1', '2024-02-01', { amount: PROMISED, due: '2024-02-15' });
  b.cancelPromise('PR1', '2024-02-10');
  const events = kept(b.run(payment(b.next(), 'P1', PROMISED, '2024-02-05')));
  assert.deepEqual(events.map((e) => e.payload.promise_id), ['PR1']);
  assert.equal(b.promiseOn('PR1', '2024-02-20')!.state, 'kept');
});

test('refusals: unknown loan 404, cancelled or charged-off loan 409, same id 409, bad amount or due date 400', () => {
  const b = withLoan();
  b.loan('L2', { ...WORKED, amount: 500000 });
  b.loan('L3', { ...WORKED, amount: 400000 });
  b.run(cancel(b.next(), 'L2', '2024-01-20'));
  b.run(chargeOff(b.next(), 'L3', '2024-01-20'));
  b.refuse(promise(b.next(), 'PR1', '2024-02-01', { amount: 10, due: '2024-02-15', loanId: 'NOPE' }), 'loan_not_found');
  b.refuse(promise(b.next(), 'PR1', '2024-02-01', { amount: 10, due: '2024-02-15', loanId: 'L2' }), 'loan_cancelled');
  b.refuse(promise(b.next(), 'PR1', '2024-02-01', { amount: 10, due: '2024-02-15', loanId: 'L3' }), 'loan_charged_off');
  // A loan that does not exist yet on the promise's day is unknown then.
  b.refuse(promise(b.next(), 'PR1', '2024-01-10', { amount: 10, due: '2024-02-15', loanId: 'L1' }), 'loan_not_found');
  const early = b.refuse(promise(b.next(), 'PR1', '2024-02-01', { amount: 10, due: '2024-01-31' }), 'invalid_request');
  assert.deepEqual(Object.keys(early.context.fields), ['promise.due_date']);
  const zero = b.refuse(promise(b.next(), 'PR1', '2024-02-01', { amount: 0, due: '2024-02-15' }), 'invalid_request');
  assert.deepEqual(Object.keys(zero.context.fields), ['promise.amount']);
  b.promise('PR1', '2024-02-01', { amount: 10, due: '2024-02-01' }); // due on its own day: allowed
  b.refuse(promise(b.next(), 'PR1', '2024-02-02', { amount: 20, due: '2024-02-15' }), 'promise_already_exists');
});

test('promises survive storage (head + items) and a restored state goes on judging them', () => {
  const b = withLoan();
  b.promise('PR1', '2024-02-01', { amount: PROMISED, due: '2024-02-15', loanId: 'L1' });
  b.pay('P1', P1, '2024-02-05');
  b.promise('PR2', '2024-02-06', { amount: 5, due: '2024-02-28' });
  b.cancelPromise('PR2', '2024-02-07');
  const delta = persistDelta(undefined, b.state);
  const items = Object.fromEntries(Object.entries(delta.lists).map(([name, list]) => [name, JSON.parse(JSON.stringify(list.append))]));
  const restored = restoreState(JSON.parse(JSON.stringify(delta.head)), items as never);
  for (const day of ['2024-02-05', '2024-02-10', '2024-02-20']) {
    assert.deepEqual(restoreStatus(restored, day), b.status(day).promises);
  }
  // A stored promise is checked as it is read: a bad one names where it is.
  const bad = JSON.parse(JSON.stringify(delta.head));
  bad.live.pr[0].a = 12;
  assert.throws(() => restoreState(bad, items as never), (e: unknown) => e instanceof StoredLedgerError && /live\.pr\[0\]\.a/.test(e.message));
  const next = apply(restored, payment(b.next(), 'P2', P2, '2024-02-14'), TZ);
  assert.deepEqual(eventsOf(next.result).filter((e) => e.type === 'promise.kept').map((e) => e.payload.promise_id), ['PR1']);
});

function restoreStatus(state: Parameters<typeof portfolioPromisesOf>[0], day: string) {
  const b = new PromiseBook();
  b.state = state;
  return b.status(day).promises;
}

test('its loan cancelled after the promise: the promise stays, and breaks unless already kept', () => {
  const b = withLoan();
  b.loan('L2', { ...WORKED, amount: 500000 });
  b.promise('PR1', '2024-02-01', { amount: 1000, due: '2024-02-15', loanId: 'L2' });
  b.run(cancel(b.next(), 'L2', '2024-02-03'));
  b.pay('P1', 5000, '2024-02-05');
  assert.deepEqual(b.promiseOn('PR1', '2024-02-16'), { id: 'PR1', loan_id: 'L2', amount: 1000, due_date: '2024-02-15', state: 'broken', paid_toward: 0 });
  b.cancelPromise('PR1', '2024-02-10');
  assert.equal(b.promiseOn('PR1', '2024-02-16')!.state, 'canceled');
});

test('a cancellation of its loan back-dated before the promise: the replay keeps the promise, which breaks unless paid', () => {
  const b = withLoan();
  b.loan('L2', { ...WORKED, amount: 500000 });
  b.promise('PR1', '2024-02-01', { amount: 1000, due: '2024-02-15', loanId: 'L2' });
  b.run(cancel(b.next(), 'L2', '2024-01-20', '2024-02-02T10:00:00-05:00'));
  assert.equal(b.status('2024-02-02').loans.find((l: any) => l.attributes.id === 'L2').attributes.is_cancelled, true);
  assert.deepEqual(b.promiseOn('PR1', '2024-02-16'), { id: 'PR1', loan_id: 'L2', amount: 1000, due_date: '2024-02-15', state: 'broken', paid_toward: 0 });
  assert.equal(portfolioPromisesOf(b.state, '2024-02-10')[0]!.breaks_on, '2024-02-16');
});

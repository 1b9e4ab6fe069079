/**
 * Properties of the stored form and of the history:
 * - a state written as a whole document (an older row's form) -> JSON text -> restoreState
 *   gives a state with the same statuses,
 *   and applying the next operation to either gives the same result (the worker stores
 *   the state in jsonb between operations);
 * - history: its deltas add up to the status on the last applied day (every bucket and the
 *   positive balance); per (loan, installment, bucket) each entry's balance = previous balance +
 *   delta, never below zero; what a payment's history entries take from the buckets is
 *   never more than the payment amount.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { apply, emptyState, statusAt, historyOf } from '../src/index.js';
import { TZ, payment } from './fixtures/ops.js';
import { historyArb, checkDays } from './fixtures/gen.js';
import { BUCKETS, bucket, loansOf, loanIdOf, positiveBalance } from './fixtures/read.js';
import { documentOf, throughDocument } from './fixtures/legacy-document.js';

test('serialize -> JSON -> deserialize keeps the state (status and next apply)', () => {
  fc.assert(
    fc.property(historyArb({ withCancel: true }), (h) => {
      let state = emptyState('B1');
      for (const op of h.ops) {
        state = apply(state, op, TZ).state;
        state = throughDocument(state);
      }
      let direct = emptyState('B1');
      for (const op of h.ops) direct = apply(direct, op, TZ).state;
      for (const day of checkDays(h)) assert.deepEqual(statusAt(state, day, TZ), statusAt(direct, day, TZ), day);
      const next = payment(h.ops.length + 1, 'PX', 1234.56, '2024-06-01');
      const a = apply(state, next, TZ);
      const b = apply(direct, next, TZ);
      assert.deepEqual(a.result, b.result);
      assert.deepEqual(statusAt(a.state, '2024-09-01', TZ), statusAt(b.state, '2024-09-01', TZ));
    }),
    { numRuns: 30, includeErrorInReport: true },
  );
});

test('history: running balances add up, never negative, payments never over-allocated', () => {
  fc.assert(
    fc.property(historyArb({ withCancel: true }), (h) => {
      let state = emptyState('B1');
      const okDays: string[] = [];
      h.ops.forEach((op, i) => {
        const r = apply(state, op, TZ);
        state = r.state;
        if (r.result.ok) okDays.push(h.days[i]!);
      });
      const entries = historyOf(state, TZ);
      // the history adds up to the status on the last applied day, bucket by bucket
      const L = okDays.sort().at(-1)!;
      const status = statusAt(state, L, TZ);
      const sums = new Map<string, Decimal>();
      let pb = new Decimal(0);
      for (const e of entries) {
        if (e.effective_date > L) continue;
        if (e.bucket_type === 'positive_balance') pb = pb.plus(String(e.delta));
        else sums.set(`${e.loan_id}/${e.bucket_type}`, (sums.get(`${e.loan_id}/${e.bucket_type}`) ?? new Decimal(0)).plus(String(e.delta)));
      }
      for (const l of loansOf(status))
        for (const b of BUCKETS) {
          const id = loanIdOf(l);
          assert.equal((sums.get(`${id}/${b}`) ?? new Decimal(0)).toFixed(2), bucket(status, id, b).total, `history vs status ${id} ${b} on ${L}`);
        }
      assert.equal(pb.toFixed(2), positiveBalance(status), `history vs status positive balance on ${L}`);
      const last = new Map<string, Decimal>();
      const taken = new Map<string, Decimal>();
      for (const e of entries) {
        if (e.bucket_type === 'positive_balance') continue;
        const key = `${e.loan_id}/${e.installment_number}/${e.bucket_type}`;
        const prev = last.get(key) ?? new Decimal(0);
        const bal = new Decimal(String(e.balance));
        assert.equal(prev.plus(String(e.delta)).toFixed(2), bal.toFixed(2), `running balance ${key}: ${JSON.stringify(e)}`);
        assert.ok(bal.gte(0), `negative balance ${JSON.stringify(e)}`);
        last.set(key, bal);
        if (e.step_type === 'PAYMENT_APPLICATION' && e.operation_id) {
          taken.set(e.operation_id, (taken.get(e.operation_id) ?? new Decimal(0)).minus(String(e.delta)));
        }
      }
      for (const op of h.ops) {
        if (op.type !== 'create_payment') continue;
        const got = taken.get(op.operationId) ?? new Decimal(0);
        assert.ok(got.lte(String(op.body.payment.amount_paid)), `payment ${op.operationId} took ${got} > ${op.body.payment.amount_paid}`);
      }
    }),
    { numRuns: 40, includeErrorInReport: true },
  );
});

test('apply is pure: the state passed in is not mutated (success or refusal), statusAt neither', () => {
  fc.assert(
    fc.property(historyArb({ withCancel: true }), (h) => {
      let state = emptyState('B1');
      for (const op of h.ops) {
        const before = documentOf(state);
        const r = apply(state, op, TZ);
        assert.equal(documentOf(state), before, `apply mutated its input (${op.type} seq ${op.seq})`);
        const after = documentOf(r.state);
        statusAt(r.state, '2024-01-20', TZ);
        statusAt(r.state, '2024-12-31', TZ);
        historyOf(r.state, TZ);
        assert.equal(documentOf(r.state), after, 'a read mutated the state');
        state = r.state;
      }
    }),
    { numRuns: 30, includeErrorInReport: true },
  );
});

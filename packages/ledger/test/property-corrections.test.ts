/**
 * Properties of the corrections (docs/ledger.md), over random books (fixtures/gen.ts):
 * - balance adjustment: +x then −x on one bucket of one installment, on one day, leaves the
 *   status of every day unchanged (on a loan not paid off that day: a positive adjustment
 *   reopens a paid-off loan, docs/ledger.md "Balance adjustment").
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { BucketType, LedgerOperation } from '../src/api.js';
import { apply, emptyState, statusAt, type BorrowerState } from '../src/index.js';
import { addDays, TZ } from './fixtures/ops.js';
import { checkDays, historyArb, O } from './fixtures/gen.js';
import { adjustment } from './fixtures/correction-ops.js';
import { BUCKETS, loanOf } from './fixtures/read.js';

export function run(ops: LedgerOperation[], accepted?: LedgerOperation[]): BorrowerState {
  let state = emptyState('B1');
  for (const op of ops) {
    const out = apply(state, op, TZ);
    if (out.result.ok) accepted?.push(op);
    state = out.state;
  }
  return state;
}

test('balance adjustment: +x then −x on one day leaves every status unchanged', () => {
  fc.assert(
    fc.property(
      historyArb({ withCancel: true, maxSteps: 8 }),
      fc.integer({ min: 0, max: 240 }),
      fc.constantFrom(...(BUCKETS as BucketType[])),
      fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
      fc.integer({ min: 1, max: 50_000_000 }),
      (h, offset, bucket, installment, cents) => {
        const day = addDays(O, offset);
        const base = run(h.ops);
        const loan = loanOf(statusAt(base, day, TZ), 'L0');
        fc.pre(loan.paid_off_date === null || loan.paid_off_date === undefined);
        const seq = h.ops.length;
        const spec = { day, bucket, amount: cents / 100, ...(installment === undefined ? {} : { installment }) };
        const ops = [...h.ops, adjustment(seq + 1, 'L0', 'ADJ+', spec), adjustment(seq + 2, 'L0', 'ADJ-', { ...spec, amount: -cents / 100 })];
        const accepted: LedgerOperation[] = [];
        const adjusted = run(ops, accepted);
        const plus = accepted.some((op) => op === ops[seq]);
        const minus = accepted.some((op) => op === ops[seq + 1]);
        assert.equal(plus, minus, 'the removal is accepted exactly when the addition was');
        for (const d of new Set([...checkDays(h), day, addDays(day, 1), addDays(O, 400)])) {
          assert.deepEqual(statusAt(adjusted, d, TZ), statusAt(base, d, TZ), `status on ${d}`);
        }
      },
    ),
    { numRuns: 60, includeErrorInReport: true },
  );
});

/**
 * Properties of the corrections (docs/ledger.md), over random books (fixtures/gen.ts):
 * - balance adjustment: +x then −x on one bucket of one installment, on one day, leaves the
 *   status of every day unchanged (on a loan not paid off that day: a positive adjustment
 *   reopens a paid-off loan, docs/ledger.md "Balance adjustment");
 * - cancellation reversal and consolidation cancellation: the borrower has, on every day
 *   checked, the status of a twin on whom the operation was never done (kordev ids aside:
 *   fixtures/strip.ts). Both are added back-dated among the book's operations, so the later
 *   payments, waivers and transfers of the loans they closed are replayed twice.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { BucketType, LedgerOperation } from '../src/api.js';
import { apply, emptyState, statusAt, type BorrowerState } from '../src/index.js';
import { addDays, cancel, consolidation, TZ } from './fixtures/ops.js';
import { checkDays, historyArb, O } from './fixtures/gen.js';
import { adjustment, cancelConsolidation, revertCancellation } from './fixtures/correction-ops.js';
import { withoutKordev } from './fixtures/strip.js';
import { attrs, BUCKETS } from './fixtures/read.js';

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
  let applied = 0;
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
        const loan = attrs(statusAt(base, day, TZ), 'L0');
        fc.pre(loan.paid_off_date === null || loan.paid_off_date === undefined);
        const seq = h.ops.length;
        const spec = { day, bucket, amount: cents / 100, ...(installment === undefined ? {} : { installment }) };
        const ops = [...h.ops, adjustment(seq + 1, 'L0', 'ADJ+', spec), adjustment(seq + 2, 'L0', 'ADJ-', { ...spec, amount: -cents / 100 })];
        const accepted: LedgerOperation[] = [];
        const adjusted = run(ops, accepted);
        const plus = accepted.some((op) => op === ops[seq]);
        const minus = accepted.some((op) => op === ops[seq + 1]);
        assert.equal(plus, minus, 'the removal is accepted exactly when the addition was');
        if (plus) applied += 1;
        for (const d of new Set([...checkDays(h), day, addDays(day, 1), addDays(O, 400)])) {
          assert.deepEqual(statusAt(adjusted, d, TZ), statusAt(base, d, TZ), `status on ${d}`);
        }
      },
    ),
    { numRuns: 60, includeErrorInReport: true },
  );
  // the property is about applied adjustments: most runs must have one
  assert.ok(applied >= 20, `only ${applied} runs applied the adjustment`);
});

test('cancellation reversal: on every day, the status of a twin who was never cancelled', () => {
  fc.assert(
    fc.property(
      historyArb({ withCancel: false, maxSteps: 8 }),
      fc.integer({ min: 0, max: 220 }),
      fc.integer({ min: 0, max: 120 }),
      (h, cancelOffset, lag) => {
        const accepted: LedgerOperation[] = [];
        const twin = run(h.ops, accepted);
        const seq = h.ops.length;
        const cancelDay = addDays(O, cancelOffset);
        const cancelled = apply(twin, cancel(seq + 1, 'L0', cancelDay), TZ);
        fc.pre(cancelled.result.ok);
        const revertDay = addDays(cancelDay, lag);
        const reverted = apply(cancelled.state, revertCancellation(seq + 2, 'L0', revertDay), TZ);
        assert.ok(reverted.result.ok, JSON.stringify(reverted.result.body));
        for (const d of new Set([...checkDays(h), cancelDay, revertDay, addDays(revertDay, 1), addDays(O, 400)])) {
          assert.deepEqual(withoutKordev(statusAt(reverted.state, d, TZ)), withoutKordev(statusAt(twin, d, TZ)), `status on ${d}`);
        }
      },
    ),
    { numRuns: 40, includeErrorInReport: true },
  );
});

test('consolidation cancellation: on every day, the status of a twin never consolidated', () => {
  fc.assert(
    fc.property(
      historyArb({ withCancel: false, maxSteps: 8 }),
      fc.integer({ min: 1, max: 220 }),
      fc.integer({ min: 0, max: 120 }),
      fc.boolean(),
      (h, offset, lag, both) => {
        const twin = run(h.ops);
        const seq = h.ops.length;
        const day = addDays(O, offset);
        const originals = both && h.specs.length > 1 ? ['L0', 'L1'] : ['L0'];
        const consolidated = apply(twin, consolidation(seq + 1, 'C1', { originalLoans: originals, day, dues: [addDays(day, 30), addDays(day, 61)], rate: 0.2 }), TZ);
        fc.pre(consolidated.result.ok);
        const cancelDay = addDays(day, lag);
        const cancelled = apply(consolidated.state, cancelConsolidation(seq + 2, 'C1', cancelDay), TZ);
        assert.ok(cancelled.result.ok, JSON.stringify(cancelled.result.body));
        for (const d of new Set([...checkDays(h), day, cancelDay, addDays(cancelDay, 1), addDays(O, 400)])) {
          assert.deepEqual(withoutKordev(statusAt(cancelled.state, d, TZ)), withoutKordev(statusAt(twin, d, TZ)), `status on ${d}`);
        }
      },
    ),
    { numRuns: 40, includeErrorInReport: true },
  );
});

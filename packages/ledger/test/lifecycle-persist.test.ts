/**
 * The lifecycle state (charged-off amounts, the charge-off mark, installments closed by a
 * restructuring, restructurings, reversed payments) survives both stored forms: the whole
 * document (an older row's form, test/fixtures/legacy-document.ts) and head + items (persistDelta / restoreState), applied one
 * operation at a time as the worker stores them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, emptyState, historyOf, persistDelta, restoreState, statusAt, type BorrowerState } from '../src/index.js';
import type { LedgerOperation } from '../src/api.js';
import { createLoan, payment, TZ, WORKED } from './fixtures/ops.js';
import { chargeOff, reimbursement, restructuring, reversal } from './fixtures/lifecycle-ops.js';
import { throughDocument } from './fixtures/legacy-document.js';

const DAYS = ['2024-02-01', '2024-03-20', '2024-04-02', '2024-06-01', '2025-01-01'];

function stored(items: Map<string, unknown[]>, state: BorrowerState, prev: BorrowerState | undefined): BorrowerState {
  const delta = persistDelta(prev, state);
  for (const [name, list] of Object.entries(delta.lists)) {
    const kept = (items.get(name) ?? []).slice(0, list.keep);
    items.set(name, [...kept, ...JSON.parse(JSON.stringify(list.append))]);
  }
  return restoreState(JSON.parse(JSON.stringify(delta.head)), Object.fromEntries(items) as any);
}

test('charge-off, recovery, restructuring, reimbursement and reversal survive storage', () => {
  const ops: LedgerOperation[] = [
    createLoan(1, 'L1', WORKED),
    createLoan(2, 'L2', { ...WORKED, drate: 0, amount: 500000 }),
    payment(3, 'P1', 3000000, '2024-01-20', [{ loan_id: 'L2', amount: 3000000 }]),
    payment(4, 'P2', 100000, '2024-02-17', [{ loan_id: 'L1', amount: 100000 }]),
    reimbursement(5, 'RB1', '2024-02-20', 1000),
    chargeOff(6, 'L1', '2024-03-20'),
    payment(7, 'P3', 50000, '2024-04-01', [{ loan_id: 'L1', amount: 50000 }]),
    createLoan(8, 'L3', { ...WORKED, drate: 0, amount: 200000, origination: '2024-03-01', dues: ['2024-04-01', '2024-05-01'] }),
    restructuring(9, 'L3', 'RS1', { day: '2024-04-10', dues: ['2024-05-10', '2024-06-10'], rate: 0.2 }),
    reversal(10, 'P2', '2024-04-15'),
  ];
  let state = emptyState('B1');
  let restored: BorrowerState | undefined;
  const items = new Map<string, unknown[]>();
  for (const op of ops) {
    const out = apply(state, op, TZ);
    assert.ok(out.result.ok, `${op.type}: ${JSON.stringify(out.result.body)}`);
    restored = stored(items, out.state, restored === undefined ? undefined : state);
    state = out.state;
    const doc = throughDocument(state);
    for (const day of DAYS) {
      const want = JSON.stringify(statusAt(state, day, TZ));
      assert.equal(JSON.stringify(statusAt(doc, day, TZ)), want, `document, after ${op.type}, on ${day}`);
      assert.equal(JSON.stringify(statusAt(restored, day, TZ)), want, `head + items, after ${op.type}, on ${day}`);
    }
    assert.deepEqual(historyOf(restored, TZ), historyOf(state, TZ));
  }
  const s = statusAt(state, '2024-06-01', TZ);
  assert.ok(s.summary.charged_off_amount > 0);
  assert.equal(s.loans[2]!.restructurings.length, 1);
  assert.equal(s.payments.find((p) => p.id === 'P2')!.is_reversed, true);
});

/**
 * The head + items stored form (persist.ts):
 * - a store kept up to date with `persistDelta` after every apply, read back with
 *   `restoreState`, gives the same state as serialize/deserialize (same document, same
 *   statuses, same next apply) for random histories, back-dated operations included; also
 *   when each delta is computed from the restored state (a worker without a cached state);
 * - an in-order apply appends O(1) items and writes a head that does not grow with history;
 * - a back-dated apply keeps exactly the shared tail of each list and appends the replayed part;
 * - decoding is checked and loses nothing: a stored state read back and written again is the
 *   same JSON text, byte for byte; a row of another format, a head whose items are missing and
 *   an item of the wrong shape are refused, naming where.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { apply, emptyState, persistDelta, restoreState, statusAt, historyOf, LIST_NAMES, StoredLedgerError, type BorrowerState, type PersistDelta } from '../src/index.js';
import { TZ, createLoan, payment, addDays } from './fixtures/ops.js';
import { historyArb, checkDays, O } from './fixtures/gen.js';
import { documentOf, throughDocument, writeLegacyDocument } from './fixtures/legacy-document.js';

/** What a database holding the head and the items would hold (JSON text, as Postgres keeps it). */
class Store {
  head: unknown = undefined;
  lists: Record<string, unknown[]> = { log: [], snapshots: [], history: [], payments: [] };

  write(delta: PersistDelta): void {
    this.head = JSON.parse(JSON.stringify(delta.head));
    for (const name of LIST_NAMES) {
      const { keep, append } = delta.lists[name];
      const list = this.lists[name]!;
      assert.ok(keep <= list.length, `${name}: keep ${keep} beyond the ${list.length} stored items`);
      list.length = keep;
      for (const item of append) list.push(JSON.parse(JSON.stringify(item)));
    }
  }

  read(): BorrowerState {
    return restoreState(this.head, this.lists);
  }
}

const doc = documentOf;

test('persistDelta/restoreState round trip equals serialize/deserialize (random histories, back-dated included)', () => {
  fc.assert(
    fc.property(historyArb({ withCancel: true, maxSteps: 40 }), fc.boolean(), (h, fromRestored) => {
      const store = new Store();
      let state = emptyState('B1');
      let stored: BorrowerState | undefined;
      for (const op of h.ops) {
        const next = apply(state, op, TZ).state;
        store.write(persistDelta(stored, next));
        const restored = store.read();
        assert.equal(doc(restored), doc(next), `after seq ${op.seq}`);
        // The worker either keeps `next` (cache) or reads the store back (cache miss).
        state = fromRestored ? restored : next;
        stored = state;
      }
      const viaDocument = throughDocument(state);
      const restored = store.read();
      for (const day of checkDays(h)) assert.deepEqual(statusAt(restored, day, TZ), statusAt(viaDocument, day, TZ), day);
      assert.deepEqual(historyOf(restored, TZ), historyOf(viaDocument, TZ));
      const next = payment(h.ops.length + 1, 'PX', 1234.56, '2024-03-01');
      const a = apply(restored, next, TZ);
      const b = apply(viaDocument, next, TZ);
      assert.deepEqual(a.result, b.result);
      assert.equal(doc(a.state), doc(b.state));
    }),
    { numRuns: 60, includeErrorInReport: true },
  );
});

/** The stored form of a state, as JSON text per part (what the database holds). */
function storedText(delta: PersistDelta): { head: string; lists: Record<string, string[]> } {
  return { head: JSON.stringify(delta.head), lists: Object.fromEntries(LIST_NAMES.map((n) => [n, delta.lists[n].append.map((item) => JSON.stringify(item))])) };
}

test('decode then encode gives the stored bytes back (random histories, back-dated included)', () => {
  fc.assert(
    fc.property(historyArb({ withCancel: true, maxSteps: 40 }), (h) => {
      let state = emptyState('B1');
      for (const op of h.ops) {
        state = apply(state, op, TZ).state;
        const text = storedText(persistDelta(undefined, state));
        const lists = Object.fromEntries(Object.entries(text.lists).map(([n, items]): [string, unknown[]] => [n, items.map((i): unknown => JSON.parse(i))]));
        const again = storedText(persistDelta(undefined, restoreState(JSON.parse(text.head), lists)));
        assert.deepEqual(again, text, `after seq ${op.seq}`);
      }
    }),
    { numRuns: 40, includeErrorInReport: true },
  );
});

test('restoreState refuses an older whole lsl-ledger/1 document, a head whose items are missing, and an item of the wrong shape', () => {
  let s = emptyState('B1');
  s = apply(s, createLoan(1, 'L1', { amount: 1_000_000, rate: 0.3, drate: 0.3, origination: O, dues: [addDays(O, 30), addDays(O, 60)], fee: null, daily: null }), TZ).state;
  s = apply(s, payment(2, 'P1', 1000, addDays(O, 5)), TZ).state;
  const legacy = writeLegacyDocument(s);
  assert.throws(() => restoreState(JSON.parse(JSON.stringify(legacy)), {}), /not a stored ledger head \(format lsl-ledger\/1\)/);
  const delta = persistDelta(undefined, s);
  const lists = (): Record<string, unknown[]> => JSON.parse(JSON.stringify(Object.fromEntries(LIST_NAMES.map((n) => [n, delta.lists[n].append]))));
  const head = (): Record<string, unknown> => JSON.parse(JSON.stringify(delta.head));
  assert.equal(doc(restoreState(head(), lists())), doc(s));
  assert.throws(() => restoreState(head(), { ...lists(), history: [] }), /history items/);
  assert.throws(() => restoreState({ format: 'something' }, {}), /not a stored ledger head/);
  assert.throws(() => restoreState(null, {}), StoredLedgerError);
  const damaged = (edit: (head: Record<string, unknown>, lists: Record<string, unknown[]>) => void): (() => BorrowerState) => {
    const h = head();
    const l = lists();
    edit(h, l);
    return () => restoreState(h, l);
  };
  assert.throws(damaged((_, l) => { l['history']![0] = { not: 'an entry' }; }), /history\[0\] is not an array/);
  assert.throws(damaged((_, l) => { (l['payments']![0] as Record<string, unknown>)['a'] = 12.5; }), /payments\[0\]\.a is not a decimal/);
  assert.throws(damaged((_, l) => { (l['log']![0] as Record<string, unknown>)['op'] = { type: 'drop_table' }; }), /log\[0\]\.op is not an operation/);
  assert.throws(damaged((_, l) => { (l['log']![1] as Record<string, unknown>)['e'] = 'maybe'; }), /log\[1\]\.e is not one of applied/);
  assert.throws(damaged((h) => { h['nextKordev'] = '2'; }), /head\.nextKordev is not a whole number/);
  const terms = (h: Record<string, unknown>): Record<string, unknown> => {
    const live = h['live'] as { loans: Array<{ t: Record<string, unknown> }> };
    return live.loans[0]!.t;
  };
  assert.throws(damaged((h) => { terms(h)['lc'] = { id: 'DEFAULT' }; }), /head\.live\.loans\[0\]\.t\.lc is not a loan config/);
  assert.throws(damaged((h) => { terms(h)['af'] = 'lots'; }), /head\.live\.loans\[0\]\.t\.af is not a decimal/);
});

function longBorrower(payments: number): { state: BorrowerState; seq: number } {
  let s = emptyState('B1');
  const dues = Array.from({ length: 24 }, (_, k) => addDays(O, 30 * (k + 1)));
  for (let i = 0; i < 3; i++) {
    s = apply(s, createLoan(i + 1, `L${i}`, { amount: 5_000_000, rate: 0.3, drate: 0.3848, origination: O, dues, fee: 24_000, daily: 50 }), TZ).state;
  }
  let seq = 3;
  for (let k = 0; k < payments; k++) {
    s = apply(s, payment(++seq, `P${seq}`, 5_000, addDays(O, 1 + Math.floor((k * 600) / payments)), [{ loan_id: `L${k % 3}`, amount: 5_000 }]), TZ).state;
  }
  return { state: s, seq };
}

test('an in-order apply appends O(1) items and writes a head that does not grow with the history', () => {
  const figures = [40, 400].map((n) => {
    const { state, seq } = longBorrower(n);
    let appendedMax = 0;
    let headMax = 0;
    let s = state;
    // 32 more in-order operations (two snapshot periods), each persisted against the previous.
    for (let k = 0; k < 32; k++) {
      const next = apply(s, payment(seq + 1 + k, `Q${k}`, 5_000, addDays(O, 601 + k)), TZ).state;
      const delta = persistDelta(s, next);
      for (const name of LIST_NAMES) {
        const before = name === 'log' ? s.log?.length : name === 'snapshots' ? s.snapshots?.length : name === 'history' ? s.live.history?.length : s.live.payments?.length;
        assert.equal(delta.lists[name].keep, before ?? 0, `${name}: in order keeps everything stored`);
      }
      appendedMax = Math.max(appendedMax, ...LIST_NAMES.map((name) => delta.lists[name].append.length));
      const appendedBytes = LIST_NAMES.reduce((sum, name) => sum + JSON.stringify(delta.lists[name].append).length, 0);
      headMax = Math.max(headMax, JSON.stringify(delta.head).length);
      assert.ok(appendedBytes < 60_000, `appended ${appendedBytes} bytes`);
      s = next;
    }
    return { appendedMax, headMax, whole: doc(s).length };
  });
  const [short, long] = figures as [(typeof figures)[0], (typeof figures)[0]];
  assert.ok(long.appendedMax <= 60, `at most a few dozen items per list per apply (${long.appendedMax})`);
  assert.ok(long.appendedMax <= short.appendedMax * 1.5 + 5, `items appended do not grow with history: ${short.appendedMax} vs ${long.appendedMax}`);
  assert.ok(long.headMax <= short.headMax * 1.2 + 2_000, `head does not grow with history: ${short.headMax} vs ${long.headMax} bytes`);
  assert.ok(long.whole > 4 * long.headMax, `the head is a small part of the state (${long.headMax} of ${long.whole} bytes)`);
});

test('a back-dated apply keeps the shared tail of each list and appends the replayed part', () => {
  const { state, seq } = longBorrower(100);
  const back = apply(state, payment(seq + 1, 'PB', 7_000, addDays(O, 300), [{ loan_id: 'L1', amount: 7_000 }]), TZ).state;
  const delta = persistDelta(state, back);
  const logLength = state.log!.length;
  // Records on or before day O+300 stay; the replay starts at the snapshot before the insertion point.
  assert.ok(delta.lists.log.keep < logLength && delta.lists.log.keep >= logLength / 2 - 20, `log keep ${delta.lists.log.keep} of ${logLength}`);
  assert.equal(delta.lists.log.keep + delta.lists.log.append.length, logLength + 1);
  assert.ok(delta.lists.snapshots.keep <= state.snapshots!.length);
  assert.ok(delta.lists.history.keep < state.live.history!.length);
  const store = new Store();
  store.write(persistDelta(undefined, state));
  store.write(delta);
  assert.equal(doc(store.read()), doc(back));
  // Unrelated states share nothing: everything is rewritten, and that is still right.
  const fresh = longBorrower(10).state;
  const unrelated = persistDelta(fresh, back);
  for (const name of LIST_NAMES) assert.equal(unrelated.lists[name].keep, 0);
});

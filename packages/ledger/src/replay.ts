/**
 * Replaying the log: a back-dated operation (`applyBackDated`: find the insertion point, take
 * the newest snapshot at or before it, replay the records between, the new operation, then
 * every later record, re-executed in "replay" mode where they never fail; docs/ledger.md
 * "Back-dated operations"), and the core as of a past day for reads (`coreAt`). `apply`
 * (apply.ts) takes the in-order path itself and comes here for the rest.
 */
import type { ApplyResult, LedgerOperation, LedgerOptions } from './api.js';
import type { OperationResult } from './operations/registry.js';
import type { ApplyOutput } from './apply.js';
import type { DayNum } from './calendar.js';
import { push, splitAt, type List } from './cons.js';
import { advance } from './accrual.js';
import type { Outcome } from './context.js';
import { Draft, EMPTY_CORE } from './draft.js';
import { execute } from './execute.js';
import type { Core, Effect, LogRecord, Snapshot } from './model.js';
import { SNAPSHOT_EVERY, compareKey, type BorrowerState } from './state.js';
import { placeEvents } from './events.js';
import { voidedPayment } from './reverse-payment.js';
import { withPromiseEvents } from './promises.js';

/** `replayed`: how many records effective after the operation were replayed (back-dating). */
export function toResult(outcome: Outcome<OperationResult, string>, replayed = 0): ApplyResult {
  if (outcome.ok) {
    return outcome.events ? { ok: true, statusCode: 200, body: outcome.body, events: placeEvents(outcome.events, replayed) } : { ok: true, statusCode: 200, body: outcome.body };
  }
  return { ok: false, statusCode: outcome.statusCode, body: outcome.body };
}

/** How an executed operation took effect (a refusal on replay leaves it voided). */
export function effectOf(outcome: Outcome<object, string>): Effect {
  if (!outcome.ok) return 'voided';
  return outcome.clamped ? 'clamped' : 'applied';
}

/** Applies a new operation: advance to its day, then execute it ("fresh": it may be refused). */
export function applyFresh(d: Draft, op: LedgerOperation, day: DayNum, kordevId: number, options: LedgerOptions, borrowerId: string): Outcome<OperationResult, string> {
  advance(d, day);
  const outcome = execute(d, op, { day, kordevId, mode: 'fresh', options, borrowerId });
  d.applied += 1;
  return outcome;
}

/**
 * Runs a logged record again ("replay": it never fails) and says how it took effect. A record
 * taken out (`reversal` set) applies nothing, whatever its type: a reversed payment, a reverted
 * cancellation, a cancelled consolidation. Only a reversed payment leaves a trace: it stays
 * listed among the payments, voided (docs/ledger.md, "Payment reversal").
 */
export function replayRecord(d: Draft, rec: LogRecord, options: LedgerOptions, borrowerId: string): Effect {
  advance(d, rec.day);
  let effect: Effect;
  if (rec.reversal !== undefined) {
    if (rec.op.type === 'create_payment') voidedPayment(d, rec.op, rec.day, rec.reversal);
    effect = 'reversed';
  } else {
    effect = effectOf(execute(d, rec.op, { day: rec.day, kordevId: rec.kordevId, mode: 'replay', options, borrowerId }));
  }
  d.applied += 1;
  return effect;
}

/** The newest snapshot reflecting at most `index` records (the empty core when none). */
function snapshotAtOrBefore(snapshots: List<Snapshot>, index: number): { kept: List<Snapshot>; base: Snapshot } {
  let node = snapshots;
  while (node !== null && node.head.index > index) node = node.tail;
  return { kept: node, base: node?.head ?? { index: 0, core: EMPTY_CORE } };
}

/**
 * `amend`: a log record to replace before replaying (a record marked taken out, at its log
 * position: a reversed payment, a reverted cancellation, a cancelled consolidation); the
 * replay then starts at or before that record rather than at the new one.
 */
export function applyBackDated(state: BorrowerState, op: LedgerOperation, day: DayNum, options: LedgerOptions, amend?: { position: number; record: LogRecord }): ApplyOutput {
  const key = { day, seq: op.seq };
  const total = state.log?.length ?? 0;
  // Insertion point: the number of records that sort before the new one.
  let position = total;
  for (let node = state.log; node !== null && compareKey(node.head, key) > 0; node = node.tail) position -= 1;

  const start = amend === undefined ? position : Math.min(position, amend.position);
  const { kept, base } = snapshotAtOrBefore(state.snapshots, start);
  const amended = (rec: LogRecord, index: number): LogRecord => (amend !== undefined && index === amend.position ? amend.record : rec);
  const { prefix, rest } = splitAt(state.log, base.index);

  // kordev_id follows acceptance (seq) order. Arriving out of seq order (never in the
  // pipeline, possible in tests) shifts the ids of records accepted after it.
  const outOfOrder = op.seq < state.maxSeq;
  const kordevId = outOfOrder ? 1 + countSeqBelow(state.log, op.seq) : state.nextKordev;

  let d = new Draft(base.core);
  let snapshots = kept;
  const rebuilt: LogRecord[] = [];
  let result: ApplyResult | null = null;
  const takeSnapshot = (): void => {
    if (d.applied % SNAPSHOT_EVERY !== 0) return;
    const core = d.freeze();
    snapshots = push(snapshots, { index: core.applied, core });
    d = new Draft(core);
  };

  const before = rest.slice(0, position - base.index);
  const after = rest.slice(position - base.index);
  const shift = (rec: LogRecord): LogRecord => (outOfOrder && rec.seq > op.seq ? { ...rec, kordevId: rec.kordevId + 1 } : rec);
  before.forEach((original, i) => {
    const rec = shift(amended(original, base.index + i));
    rebuilt.push({ ...rec, effect: replayRecord(d, rec, options, state.borrowerId) });
    takeSnapshot();
  });
  {
    const outcome = applyFresh(d, op, day, kordevId, options, state.borrowerId);
    result = toResult(outcome, after.length);
    if (!outcome.ok) return { state, result };
    rebuilt.push({ op, day, seq: op.seq, kordevId, effect: effectOf(outcome) });
    takeSnapshot();
  }
  after.forEach((rec, i) => {
    const shifted = shift(amended(rec, position + i));
    rebuilt.push({ ...shifted, effect: replayRecord(d, shifted, options, state.borrowerId) });
    takeSnapshot();
  });

  let log = prefix;
  if (outOfOrder) log = shiftPrefixKordev(prefix, op.seq);
  for (const rec of rebuilt) log = push(log, rec);
  const live = d.freeze();
  // A replay may keep (or un-keep) any promise: every one is judged again.
  result = withPromiseEvents(result!, state.live, live, kordevId, null, after.length);
  return {
    state: {
      ...state,
      log,
      live,
      snapshots,
      nextKordev: state.nextKordev + 1,
      maxSeq: Math.max(state.maxSeq, op.seq),
    },
    result,
  };
}

function countSeqBelow(log: List<LogRecord>, seq: number): number {
  let n = 0;
  for (let node = log; node !== null; node = node.tail) if (node.head.seq < seq) n += 1;
  return n;
}

/** Rare path (out-of-seq arrival): records before the insertion point with a larger seq get id + 1. */
function shiftPrefixKordev(prefix: List<LogRecord>, seq: number): List<LogRecord> {
  const records: LogRecord[] = [];
  for (let node = prefix; node !== null; node = node.tail) records.push(node.head);
  records.reverse();
  let log: List<LogRecord> = null;
  for (const rec of records) log = push(log, rec.seq > seq ? { ...rec, kordevId: rec.kordevId + 1 } : rec);
  return log;
}

/**
 * The core as of day C: all records effective on or before C applied (replayed from the
 * newest snapshot whose day is ≤ C when C is before the live day), then advanced to C.
 */
export function coreAt(state: BorrowerState, day: DayNum, options: LedgerOptions): Core {
  let d: Draft;
  if (state.live.day === null || state.live.day <= day) {
    d = new Draft(state.live);
  } else {
    let node = state.snapshots;
    while (node !== null && (node.head.core.day === null || node.head.core.day > day)) node = node.tail;
    const base = node?.head ?? { index: 0, core: EMPTY_CORE };
    d = new Draft(base.core);
    for (const rec of splitAt(state.log, base.index).rest) {
      if (rec.day > day) break;
      replayRecord(d, rec, options, state.borrowerId);
    }
  }
  advance(d, day);
  return d.freeze();
}

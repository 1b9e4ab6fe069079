/**
 * Replaying the log: a back-dated operation (`applyBackDated`: find the insertion point, take
 * the newest snapshot at or before it, replay the records between, the new operation, then
 * every later record, re-executed in "replay" mode where they never fail; docs/ledger.md
 * "Back-dated operations"), and the core as of a past day for reads (`coreAt`). `apply`
 * (apply.ts) takes the in-order path itself and comes here for the rest.
 */
import type { ApplyResult, LedgerOperation, LedgerOptions } from './api.js';
import type { ApplyOutput } from './apply.js';
import type { DayNum } from './calendar.js';
import { push, splitAt, type List } from './cons.js';
import { advance } from './accrual.js';
import type { Mode, Outcome } from './context.js';
import { Draft, EMPTY_CORE } from './draft.js';
import { execute } from './execute.js';
import type { Core, Effect, LogRecord, Snapshot } from './model.js';
import { SNAPSHOT_EVERY, compareKey, type BorrowerState } from './state.js';
import { placeEvents } from './events.js';
import { voidedPayment } from './reverse-payment.js';
import { withPromiseEvents } from './promises.js';

/** A record taken out: a reversed payment stays listed; anything else leaves no trace. */
function takenOut(d: Draft, rec: LogRecord): Outcome {
  return rec.op.type === 'create_payment' ? voidedPayment(d, rec) : { ok: true, body: {} };
}

/** `replayed`: how many records effective after the operation were replayed (back-dating). */
export function toResult(outcome: Outcome, replayed = 0): ApplyResult {
  if (outcome.ok) {
    return outcome.events ? { ok: true, statusCode: 200, body: outcome.body, events: placeEvents(outcome.events, replayed) } : { ok: true, statusCode: 200, body: outcome.body };
  }
  return { ok: false, statusCode: outcome.statusCode, body: outcome.body };
}

export function effectOf(outcome: Outcome, rec?: { reversal?: LogRecord['reversal'] }): Effect {
  if (rec?.reversal !== undefined) return 'reversed';
  if (!outcome.ok) return 'voided';
  return outcome.clamped ? 'clamped' : 'applied';
}

/** Runs one record on a draft (advance to its day, execute; a record taken out applies nothing). */
export function step(d: Draft, rec: { op: LedgerOperation; day: DayNum; kordevId: number; reversal?: LogRecord['reversal'] }, mode: Mode, options: LedgerOptions, borrowerId: string): Outcome {
  advance(d, rec.day);
  const outcome = rec.reversal !== undefined
    ? takenOut(d, rec as LogRecord)
    : execute(d, rec.op, { day: rec.day, kordevId: rec.kordevId, mode, options, borrowerId });
  d.applied += 1;
  return outcome;
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
    const outcome = step(d, rec, 'replay', options, state.borrowerId);
    rebuilt.push({ ...rec, effect: effectOf(outcome, rec) });
    takeSnapshot();
  });
  {
    const outcome = step(d, { op, day, kordevId }, 'fresh', options, state.borrowerId);
    result = toResult(outcome, after.length);
    if (!outcome.ok) return { state, result };
    rebuilt.push({ op, day, seq: op.seq, kordevId, effect: effectOf(outcome) });
    takeSnapshot();
  }
  after.forEach((rec, i) => {
    const shifted = shift(amended(rec, position + i));
    const outcome = step(d, shifted, 'replay', options, state.borrowerId);
    rebuilt.push({ ...shifted, effect: effectOf(outcome, shifted) });
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
      step(d, rec, 'replay', options, state.borrowerId);
    }
  }
  advance(d, day);
  return d.freeze();
}

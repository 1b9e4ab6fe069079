/** One operation against a draft already advanced to its effective day. */
import type { Day, LedgerOperation, LedgerOperations, LedgerOptions, OperationType } from './api.js';
import { instantToDayNum, numToDay, type DayNum } from './calendar.js';
import type { Mode, Outcome } from './context.js';
import type { Draft } from './draft.js';
import { LEDGER_REGISTRY, type OperationEvents, type OperationResult, type OperationResults } from './operations/registry.js';

/** The instant an operation takes effect at, before it becomes a day (its declaration says). */
function effectiveInstant<K extends OperationType>(type: K, op: LedgerOperations[K]): string {
  const given = LEDGER_REGISTRY[type].effectiveInstant(op);
  return given !== undefined && given.trim() !== '' ? given : op.recordedAt;
}

export function effectiveDayNum(op: LedgerOperation, options: LedgerOptions): DayNum {
  try {
    return instantToDayNum(effectiveInstant(op.type, op), options.timeZone);
  } catch {
    // An unparseable date was let through intake: the recording time is the only fact left.
    return instantToDayNum(op.recordedAt, options.timeZone);
  }
}

export function effectiveDayOf(op: LedgerOperation, options: LedgerOptions): Day {
  return numToDay(effectiveDayNum(op, options));
}

interface ExecuteMeta {
  day: DayNum;
  kordevId: number;
  mode: Mode;
  options: LedgerOptions;
  borrowerId: string;
}

/** Runs the handler the operation's declaration names. */
function handle<K extends OperationType>(d: Draft, type: K, op: LedgerOperations[K], meta: ExecuteMeta): Outcome<OperationResults[K], OperationEvents[K]> {
  return LEDGER_REGISTRY[type].handle({ d, op, day: meta.day, kordevId: meta.kordevId, mode: meta.mode, options: meta.options, borrowerId: meta.borrowerId });
}

export function execute(d: Draft, op: LedgerOperation, meta: ExecuteMeta): Outcome<OperationResult, string> {
  d.operationId = op.operationId;
  try {
    return handle(d, op.type, op, meta);
  } finally {
    d.operationId = null;
  }
}

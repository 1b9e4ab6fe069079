/**
 * `apply`: the one entry point that changes a borrower's state.
 *
 * - In order (the usual case: effective day and seq after everything in the log): advance
 *   the live core to the day, execute, append to the log. Cost: the days advanced and the
 *   loans touched; nothing that grows with the log is copied (persistent lists, shared loans).
 * - Back-dated (an earlier effective day or seq, or an undo: a payment reversal, a reverted
 *   cancellation, a cancelled consolidation): replay.ts.
 */
import type { ApplyResult, LedgerOperation, LedgerOptions } from './api.js';
import type { DayNum } from './calendar.js';
import { push } from './cons.js';
import { Draft } from './draft.js';
import { refusal } from './errors.js';
import { effectiveDayNum } from './execute.js';
import type { LogRecord } from './model.js';
import { applyBackDated, applyFresh, effectOf, toResult } from './replay.js';
import { locatePayment } from './reverse-payment.js';
import { locateCancellation, locateConsolidation } from './undo.js';
import { withPromiseEvents } from './promises.js';
import { SNAPSHOT_EVERY, compareKey, hasLoan, type BorrowerState } from './state.js';

export interface ApplyOutput {
  state: BorrowerState;
  result: ApplyResult;
}

export function apply(state: BorrowerState, op: LedgerOperation, options: LedgerOptions): ApplyOutput {
  // A loan id names one loan over the borrower's whole timeline: an id the ledger already
  // knows is taken even when the new operation is effective before that loan's origination.
  const newLoanId = op.type === 'create_loan' ? op.loanId : op.type === 'create_consolidation' ? op.consolidationId : null;
  if (newLoanId !== null && hasLoan(state, newLoanId)) {
    return { state, result: toResult(refusal('loan_already_exists', { borrower_id: state.borrowerId, loan_id: newLoanId })) };
  }
  const day = effectiveDayNum(op, options);
  if (op.type === 'reverse_payment') {
    // Back-dated removal: the payment's record is marked, and everything from it on replayed.
    const located = locatePayment(state.log, op, day, state.borrowerId);
    if (!located.ok) return { state, result: toResult(located) };
    return applyBackDated(state, op, day, options, located);
  }
  if (op.type === 'revert_cancellation' || op.type === 'cancel_consolidation') {
    // The same back-dated removal, of a cancellation or a consolidation (undo.ts).
    const located = op.type === 'revert_cancellation' ? locateCancellation(state, op, day) : locateConsolidation(state, op, day);
    if (!located.ok) return { state, result: toResult(located) };
    return applyBackDated(state, located.op, day, options, located.amend);
  }
  const key = { day, seq: op.seq };
  const last = state.log?.head;
  if (op.seq > state.maxSeq && (last === undefined || compareKey(key, last) > 0)) {
    return applyInOrder(state, op, day, options);
  }
  return applyBackDated(state, op, day, options);
}

function applyInOrder(state: BorrowerState, op: LedgerOperation, day: DayNum, options: LedgerOptions): ApplyOutput {
  const d = new Draft(state.live);
  const kordevId = state.nextKordev;
  const outcome = applyFresh(d, op, day, kordevId, options, state.borrowerId);
  if (!outcome.ok) return { state, result: toResult(outcome) };
  const live = d.freeze();
  const record: LogRecord = { op, day, seq: op.seq, kordevId, effect: effectOf(outcome) };
  // In order, the operation adds payments on its own day only: promises due before it cannot change.
  const result = withPromiseEvents(toResult(outcome), state.live, live, kordevId, day, 0);
  return {
    state: {
      ...state,
      log: push(state.log, record),
      live,
      snapshots: live.applied % SNAPSHOT_EVERY === 0 ? push(state.snapshots, { index: live.applied, core: live }) : state.snapshots,
      nextKordev: kordevId + 1,
      maxSeq: op.seq,
    },
    result,
  };
}

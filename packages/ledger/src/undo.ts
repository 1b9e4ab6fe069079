/**
 * Taking a cancellation or a consolidation out as if it had never been made (docs/ledger.md,
 * "Cancellation reversal", "Consolidation cancellation"), by the back-dated replay of payment
 * reversal: `apply` locates the record here, marks it (`reversal`) and replays the borrower
 * from it (replay.ts), where a marked record applies nothing. So the loan(s) it closed are open
 * again, a consolidation's new loan never existed, and every later operation is replayed on
 * that: a payment that named the new loan goes to the positive balance (payments.ts), any other
 * operation naming it is voided. The undo's own record, on the day it is recorded, writes its
 * history entries and answers.
 */
import type { CancelConsolidationOperation, RevertCancellationOperation } from './api.js';
import { numToDay, type DayNum } from './calendar.js';
import type { List } from './cons.js';
import { requestIdOf, sortedBody, type OpContext, type Outcome } from './context.js';
import { ZERO } from './decimal.js';
import { domainEvent, freshEvents } from './events.js';
import { refusal, type Refusal } from './errors.js';
import type { Loan, LogRecord } from './model.js';
import type { BorrowerState } from './state.js';
import type { RevertCancellationResult } from './operations/revert-cancellation.js';
import type { CancelConsolidationResult } from './operations/cancel-consolidation.js';

export interface Located<Op> {
  ok: true;
  /** The undo operation, carrying what it takes out. */
  op: Op;
  amend: { position: number; record: LogRecord };
}

/** Newest first: each record with its log position (oldest = 0). */
function* positioned(log: List<LogRecord>): Generator<{ position: number; rec: LogRecord }> {
  let position = log?.length ?? 0;
  for (let node = log; node !== null; node = node.tail) {
    position -= 1;
    yield { position, rec: node.head };
  }
}

function mark(rec: LogRecord, op: { seq: number; operationId: string }, day: DayNum): LogRecord {
  return { ...rec, reversal: { day, seq: op.seq, operationId: op.operationId } };
}

export function locateCancellation(state: BorrowerState, op: RevertCancellationOperation, day: DayNum): Located<RevertCancellationOperation> | Refusal {
  const context = { borrower_id: state.borrowerId, loan_id: op.loanId };
  if (!Object.hasOwn(state.live.loans, op.loanId)) return refusal('loan_not_found', context);
  let reverted: LogRecord | undefined;
  for (const { position, rec } of positioned(state.log)) {
    if (rec.op.type !== 'cancel_loan' || rec.op.loanId !== op.loanId || rec.effect === 'voided') continue;
    if (rec.reversal !== undefined) {
      reverted ??= rec;
      continue;
    }
    // A cancellation effective after the reversal's day had not happened yet on that day.
    if (rec.day > day) return refusal('loan_not_cancelled', { ...context, cancellation_date: numToDay(rec.day), reversal_date: numToDay(day) });
    const effectiveDate = rec.op.body.loan_cancellation?.effective_date ?? rec.op.recordedAt;
    return { ok: true, op: { ...op, reverted: { day: rec.day, effectiveDate } }, amend: { position, record: mark(rec, op, day) } };
  }
  if (reverted?.reversal !== undefined) return refusal('cancellation_already_reverted', { ...context, cancellation_date: numToDay(reverted.day), reverted_on: numToDay(reverted.reversal.day) });
  return refusal('loan_not_cancelled', context);
}

/** Why the new loan cannot be taken out (its own life went on), or null. */
function inUse(loan: Loan | undefined): string | null {
  if (loan === undefined) return null;
  if (loan.closed !== null) return loan.closed.kind;
  if (loan.chargedOff !== null) return 'charged_off';
  if (loan.restructurings.length > 0) return 'restructured';
  return null;
}

export function locateConsolidation(state: BorrowerState, op: CancelConsolidationOperation, day: DayNum): Located<CancelConsolidationOperation> | Refusal {
  const context = { borrower_id: state.borrowerId, consolidation_id: op.consolidationId };
  for (const { position, rec } of positioned(state.log)) {
    if (rec.op.type !== 'create_consolidation' || rec.op.consolidationId !== op.consolidationId || rec.effect === 'voided') continue;
    if (rec.reversal !== undefined) return refusal('consolidation_already_cancelled', { ...context, consolidation_date: numToDay(rec.day), cancelled_on: numToDay(rec.reversal.day) });
    if (rec.day > day) return refusal('consolidation_not_found', { ...context, consolidation_date: numToDay(rec.day), cancellation_date: numToDay(day) });
    const state_ = inUse(state.live.loans[op.consolidationId]);
    if (state_ !== null) return refusal('consolidated_loan_in_use', { ...context, loan_id: op.consolidationId, loan_state: state_ });
    const terms = rec.op.body.loan_consolidation;
    return {
      ok: true,
      op: { ...op, cancelled: { day: rec.day, effectiveDate: terms.effective_date, originalLoans: terms.original_loans } },
      amend: { position, record: mark(rec, op, day) },
    };
  }
  return refusal('consolidation_not_found', context);
}

export function revertCancellation(ctx: OpContext<RevertCancellationOperation>): Outcome<RevertCancellationResult, 'loan.cancellation_reverted'> {
  const { d, op } = ctx;
  const reverted = op.reverted;
  // apply() locates the cancellation before any replay; a value without it was never located.
  if (reverted === undefined) return refusal('loan_not_cancelled', { borrower_id: ctx.borrowerId, loan_id: op.loanId });
  d.record({ loanId: op.loanId, installment: null, bucket: 'loan', status: 'cancellation_reverted', delta: ZERO, balance: ZERO, step: 'cancellation_reversal' });
  const reason = op.body.cancellation_reversal?.reason ?? null;
  return {
    ok: true,
    ...freshEvents(ctx, () => [domainEvent(ctx, 'loan.cancellation_reverted', op.loanId, { cancellation_date: reverted.effectiveDate, reason })]),
    body: sortedBody<RevertCancellationResult>({
      cancellation_date: reverted.effectiveDate,
      cancellation_reversal: op.body.cancellation_reversal ?? {},
      id: op.operationId,
      kordev_id: ctx.kordevId,
      loan_id: op.loanId,
      request_id: requestIdOf(op),
    }),
  };
}

export function cancelConsolidation(ctx: OpContext<CancelConsolidationOperation>): Outcome<CancelConsolidationResult, 'loan.consolidation_cancelled'> {
  const { d, op } = ctx;
  const cancelled = op.cancelled;
  if (cancelled === undefined) return refusal('consolidation_not_found', { borrower_id: ctx.borrowerId, consolidation_id: op.consolidationId });
  for (const loanId of cancelled.originalLoans) {
    d.record({ loanId, installment: null, bucket: 'loan', status: 'reopened', delta: ZERO, balance: ZERO, step: 'consolidation_cancellation' });
  }
  const reason = op.body.consolidation_cancellation?.reason ?? null;
  return {
    ok: true,
    ...freshEvents(ctx, () => [domainEvent(ctx, 'loan.consolidation_cancelled', op.consolidationId, {
      consolidation_date: cancelled.effectiveDate,
      consolidation_id: op.consolidationId,
      original_loans: cancelled.originalLoans,
      reason,
    })]),
    body: sortedBody<CancelConsolidationResult>({
      consolidation_cancellation: op.body.consolidation_cancellation ?? {},
      consolidation_date: cancelled.effectiveDate,
      consolidation_id: op.consolidationId,
      id: op.operationId,
      kordev_id: ctx.kordevId,
      original_loans: cancelled.originalLoans,
      request_id: requestIdOf(op),
    }),
  };
}

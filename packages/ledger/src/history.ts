/**
 * Every bucket change (SPEC §6 get_history). Accruals are recorded per span of quiet days
 * between events (one entry per installment and bucket per span, dated the span's last
 * day); everything else is one entry per movement.
 */
import type { Day, HistoryEntry, LedgerOptions } from './api.js';
import { dayToNum, numToDay } from './calendar.js';
import { toArray } from './cons.js';
import { money } from './decimal.js';
import type { HistoryRecord } from './model.js';
import { coreAt } from './replay.js';
import type { BorrowerState } from './state.js';

export function historyEntry(h: HistoryRecord): HistoryEntry {
  return {
    loan_id: h.loanId,
    installment_number: h.installment,
    bucket_type: h.bucket,
    bucket_status: h.status,
    delta: money(h.delta),
    balance: money(h.balance),
    effective_date: numToDay(h.day),
    step_type: h.step,
    operation_id: h.operationId,
  };
}

/**
 * The history of the live state (through the last operation's day), or, with `day`, of the
 * state as of that day including the accruals up to it.
 */
export function historyOf(state: BorrowerState, options: LedgerOptions, day?: Day): HistoryEntry[] {
  const core = day === undefined || state.live.day === null ? state.live : coreAt(state, dayToNum(day), options);
  return toArray(core.history).map(historyEntry);
}

/**
 * Every bucket change (docs/reads.md get_history). Accruals of one bucket are aggregated until
 * something else moves that bucket (a payment, waiver, closing) or until the history is read:
 * one entry dated the last accrued day. Everything else is one entry per movement.
 */
import type { Day, HistoryEntry, LedgerOptions } from './api.js';
import { dayToNum, numToDay } from './calendar.js';
import { toArray } from './cons.js';
import { money } from './decimal.js';
import { BUCKETS, type HistoryRecord } from './model.js';
import { coreAt } from './replay.js';
import type { BorrowerState } from './state.js';
import { stepTypeOf } from './step-types.js';

export function historyEntry(h: HistoryRecord): HistoryEntry {
  const entry: HistoryEntry = {
    loan_id: h.loanId,
    installment_number: h.installment,
    bucket_type: h.bucket,
    bucket_status: h.status,
    delta: money(h.delta),
    balance: money(h.balance),
    effective_date: numToDay(h.day),
    step_type: stepTypeOf(h.step),
    operation_id: h.operationId,
  };
  if (h.newOwner !== undefined) entry.new_owner = h.newOwner;
  return entry;
}

/**
 * The history of the live state (through the last operation's day), or, with `day`, of the
 * state as of that day including the accruals up to it.
 */
export function historyOf(state: BorrowerState, options: LedgerOptions, day?: Day): HistoryEntry[] {
  const core = day === undefined || state.live.day === null ? state.live : coreAt(state, dayToNum(day), options);
  const records = toArray(core.history);
  // Accruals still pending on buckets are part of the history as of this state.
  for (const id of core.loanOrder) {
    const loan = core.loans[id]!;
    for (const inst of loan.installments) {
      for (const bucket of BUCKETS) {
        const b = inst.buckets[bucket];
        const p = b.pending;
        if (p === null) continue;
        records.push({ loanId: loan.id, installment: inst.number, bucket, status: 'initial', delta: p.delta, balance: b.out, day: p.to, step: p.step, operationId: null });
      }
    }
  }
  // Pending accruals are written when their bucket next moves, so the log is not in day
  // order; a stable sort by day restores it (per bucket, the order never changes).
  records.sort((a, b) => a.day - b.day);
  return records.map(historyEntry);
}

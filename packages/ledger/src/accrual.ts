/**
 * Moving a state forward in time: the end-of-day processing of docs/ledger.md, in this order for
 * each day t:
 *   1. the positive balance is applied if t is a due day of any active loan;
 *   2. the late fee check for installments whose grace ends on t;
 *   3. delinquency interest and the daily fee accrue for day t.
 *
 * Principal only moves at the end of a day through step 1, and only on due days with a
 * positive balance. Every other run of days is a "span" processed at once: its late fee
 * checks (which never touch principal) and k days of accrual as k times one day's amount.
 * Spans stop at each due day, because the next day's daily fee belongs to the next
 * installment. This keeps a status read years after the last operation cheap (history
 * aggregates accruals further: see Draft.accrue).
 */
import type { DayNum } from './calendar.js';
import { allocate, markPaidOff, targetsByDueDate } from './allocation.js';
import { hasPrincipal, outstanding } from './buckets.js';
import { minDec, toDec, type Dec } from './decimal.js';
import { conventionsOf, delinquencyOver } from './conventions.js';
import type { Draft } from './draft.js';
import { DEFAULT_ORDER, type AllocationLine, type Loan } from './model.js';

/** Loans that can still change by themselves: open, not charged off and not paid off. */
function accruingLoans(d: Draft): Loan[] {
  return d.allLoans().filter((loan) => loan.closed === null && loan.chargedOff === null && loan.paidOff === null);
}

function lateFeeAmount(loan: Loan): Dec | null {
  const amount = loan.loanConfig?.late_fee_amount;
  if (amount === null || amount === undefined) return null;
  const value = toDec(amount);
  return value.gt(0) ? value : null;
}

function graceDays(loan: Loan): number {
  const g = loan.loanConfig?.late_fee_grace_days;
  return typeof g === 'number' && Number.isFinite(g) && g > 0 ? Math.floor(g) : 0;
}

/** Open loans, paid off or not: their due days trigger the positive balance (a charged-off loan's do not). */
function openLoans(d: Draft): Loan[] {
  return d.allLoans().filter((loan) => loan.closed === null && loan.chargedOff === null);
}

/**
 * The last day of the span that starts on t: the first due day ≥ t of an accruing loan
 * (a due day closes its period: the daily fee of the next day belongs to the next
 * installment), or the day before a due day on which a positive balance must be applied
 * (that day is processed on its own, since the application changes principal before the
 * day's accrual). Infinity when nothing bounds the span.
 */
function spanEnd(d: Draft, t: DayNum): { last: number; event: boolean } {
  let last = Infinity;
  let event = false;
  if (d.positiveBalance.gt(0)) {
    for (const loan of openLoans(d)) {
      for (const inst of loan.installments) {
        if (inst.due >= t && inst.due - 1 < last) {
          last = inst.due - 1;
          event = true;
        }
      }
    }
  }
  for (const loan of accruingLoans(d)) {
    for (const inst of loan.installments) {
      if (inst.due >= t && inst.due < last) {
        last = inst.due;
        event = false;
      }
    }
  }
  return { last, event };
}

export function advance(d: Draft, target: DayNum): void {
  if (d.day === null || d.day >= target) {
    if (d.day === null) d.day = target;
    return;
  }
  const previousOp = d.operationId;
  d.operationId = null; // end-of-day steps belong to no operation
  while (d.day < target) {
    const t: DayNum = d.day;
    const { last, event } = spanEnd(d, t);
    if (event && last < t) {
      // t is a due day and there is positive balance: the full end-of-day sequence.
      applyPositiveBalance(d, t);
      chargeLateFees(d, t, t);
      accrue(d, t, 1);
      d.day = t + 1;
      continue;
    }
    // Days t..end−1: no positive balance application, so principal cannot move; the late
    // fee checks of these days (which never touch principal) and k days of accrual.
    const end = Math.min(last + 1, target);
    chargeLateFees(d, t, end - 1);
    accrue(d, t, end - t);
    d.day = end;
  }
  d.operationId = previousOp;
}

/** docs/ledger.md: the positive balance pays what is owed at the end of each due day of any active loan. */
function applyPositiveBalance(d: Draft, t: DayNum): void {
  if (d.positiveBalance.lte(0)) return;
  // "Each due day of any of the borrower's loans": a paid-off loan's due days count too.
  if (!openLoans(d).some((loan) => loan.installments.some((inst) => inst.due === t))) return;
  const loans = accruingLoans(d);
  const targets = targetsByDueDate(d, loans.map((l) => l.id), (inst) => inst.due <= t);
  const lines: AllocationLine[] = [];
  const available = d.positiveBalance;
  const left = allocate(d, available, targets, DEFAULT_ORDER, 'positive_balance_application', lines);
  const used = available.minus(left);
  if (used.isZero()) return;
  d.movePositiveBalance(used.neg(), 'positive_balance_application');
  d.addPayment({ kind: 'positive_balance_application', paymentId: null, seq: null, operationId: null, day: t, amount: used, lines, positiveBalance: used, loanId: null });
  markPaidOff(d, new Set(lines.map((l) => l.loanId)));
}

/** Late fee checks of the days up to `last` (principal and interest are constant over them). */
function chargeLateFees(d: Draft, t: DayNum, last: DayNum): void {
  for (const snapshot of accruingLoans(d)) {
    const fee = lateFeeAmount(snapshot);
    if (fee === null) continue;
    const grace = graceDays(snapshot);
    if (!snapshot.installments.some((inst) => !inst.lateFeeCharged && inst.due + grace <= last)) continue;
    const loan = d.mutable(snapshot.id);
    loan.installments.forEach((shared, index) => {
      if (shared.lateFeeCharged || shared.due + grace > last) return;
      const inst = d.own(loan, index);
      inst.lateFeeCharged = true; // checked once, whether or not it was owed
      const owes = outstanding(inst.buckets.principal).gt(0) || outstanding(inst.buckets.interest).gt(0);
      if (owes) d.charge(loan, inst, 'late_fee', fee, 'late_fee', Math.max(t, inst.due + grace));
    });
  }
}

/** Accrues days [t, t+k): delinquency interest per overdue installment and the daily fee. */
function accrue(d: Draft, t: DayNum, k: number): void {
  const last = t + k - 1;
  for (const snapshot of accruingLoans(d)) {
    // Delinquency interest: installment i accrues on days > D_i, on its unpaid principal.
    const delinquent = snapshot.installments.filter((inst) => inst.due < last && outstanding(inst.buckets.principal).gt(0));
    const feeDays = snapshot.dailyFee !== null && snapshot.dailyFee.gt(0) ? Math.max(0, last - Math.max(t, snapshot.origination + 1) + 1) : 0;
    const feeRoom = snapshot.dailyFeeMax === null ? null : snapshot.dailyFeeMax.minus(snapshot.dailyFeeAccrued);
    const wantsFee = feeDays > 0 && (feeRoom === null || feeRoom.gt(0)) && hasPrincipal(snapshot);
    if ((delinquent.length === 0 || snapshot.dailyDelinquencyFactor.isZero()) && !wantsFee) continue;

    const loan = d.mutable(snapshot.id);
    if (!snapshot.dailyDelinquencyFactor.isZero()) {
      // The default conventions keep the one daily factor; others accrue by the day's year fraction.
      const c = conventionsOf(loan.loanConfig);
      const conventions = c.rateType === 'effective_annual' && c.dayCount === 'actual/365' ? null : c;
      loan.installments.forEach((shared, index) => {
        const days = last - Math.max(t, shared.due + 1) + 1;
        if (days <= 0) return;
        const principal = outstanding(shared.buckets.principal);
        if (principal.lte(0)) return;
        const inst = d.own(loan, index);
        const first = Math.max(t, shared.due + 1);
        const amount = conventions === null ? principal.times(loan.dailyDelinquencyFactor).times(days) : delinquencyOver(principal, toDec(loan.delinquencyRate.applicable), first, last, conventions);
        d.accrue(inst, 'delinquency_interest', amount, 'delinquency_interest_accrual', first, last);
      });
    }
    if (wantsFee) {
      // A span never crosses a due day, so all its days belong to one period.
      let amount = loan.dailyFee!.times(feeDays);
      if (feeRoom !== null) amount = minDec(amount, feeRoom);
      const index = loan.installments.findIndex((inst) => inst.due >= last);
      const inst = d.own(loan, index === -1 ? loan.installments.length - 1 : index);
      loan.dailyFeeAccrued = loan.dailyFeeAccrued.plus(amount);
      d.accrue(inst, 'daily_fee', amount, 'daily_fee_accrual', Math.max(t, loan.origination + 1), last);
    }
  }
}

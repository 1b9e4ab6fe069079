/**
 * Moving a state forward in time: the end-of-day processing of SPEC §5, in this order for
 * each day t:
 *   1. the positive balance is applied if t is a due day of any active loan;
 *   2. the late fee check for installments whose grace ends on t;
 *   3. delinquency interest and the daily fee accrue for day t.
 *
 * Days on which nothing but accrual can happen ("quiet" days: no due day, no late-fee day)
 * are accrued as one span: principal cannot change on them, so k days accrue k times one
 * day's amount. This keeps a status read years after the last operation cheap, and history
 * gets one accrual entry per span rather than one per day.
 */
import type { DayNum } from './calendar.js';
import { allocate, markPaidOff, targetsByDueDate } from './allocation.js';
import { hasPrincipal, outstanding } from './buckets.js';
import { Dec, minDec } from './decimal.js';
import type { Draft } from './draft.js';
import { DEFAULT_ORDER, type AllocationLine, type Loan } from './model.js';

/** Loans that can still change by themselves: open and not paid off. */
function accruingLoans(d: Draft): Loan[] {
  return d.allLoans().filter((loan) => loan.closed === null && loan.paidOff === null);
}

function lateFeeAmount(loan: Loan): Dec | null {
  const amount = loan.loanConfig?.late_fee_amount;
  if (amount === null || amount === undefined) return null;
  const value = new Dec(String(amount));
  return value.gt(0) ? value : null;
}

function graceDays(loan: Loan): number {
  const g = loan.loanConfig?.late_fee_grace_days;
  return typeof g === 'number' && Number.isFinite(g) && g > 0 ? Math.floor(g) : 0;
}

/** Open loans, paid off or not: their due days trigger the positive balance. */
function openLoans(d: Draft): Loan[] {
  return d.allLoans().filter((loan) => loan.closed === null);
}

/** The first day ≥ t on which something other than accrual happens, or Infinity. */
function nextEventDay(d: Draft, t: DayNum): number {
  let next = Infinity;
  if (d.positiveBalance.gt(0)) {
    for (const loan of openLoans(d)) {
      for (const inst of loan.installments) if (inst.due >= t && inst.due < next) next = inst.due;
    }
  }
  for (const loan of accruingLoans(d)) {
    const fee = lateFeeAmount(loan) !== null;
    const grace = graceDays(loan);
    for (const inst of loan.installments) {
      if (inst.due >= t && inst.due < next) next = inst.due;
      if (fee && !inst.lateFeeCharged && inst.due + grace >= t && inst.due + grace < next) next = inst.due + grace;
    }
  }
  return next;
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
    const event = nextEventDay(d, t);
    if (event > t) {
      const end = Math.min(event, target);
      accrue(d, t, end - t);
      d.day = end;
    } else {
      endOfEventDay(d, t);
      d.day = t + 1;
    }
  }
  d.operationId = previousOp;
}

function endOfEventDay(d: Draft, t: DayNum): void {
  applyPositiveBalance(d, t);
  chargeLateFees(d, t);
  accrue(d, t, 1);
}

/** SPEC: the positive balance pays what is owed at the end of each due day of any active loan. */
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

function chargeLateFees(d: Draft, t: DayNum): void {
  for (const snapshot of accruingLoans(d)) {
    const fee = lateFeeAmount(snapshot);
    if (fee === null) continue;
    const grace = graceDays(snapshot);
    if (!snapshot.installments.some((inst) => !inst.lateFeeCharged && inst.due + grace <= t)) continue;
    const loan = d.mutable(snapshot.id);
    loan.installments.forEach((shared, index) => {
      if (shared.lateFeeCharged || shared.due + grace > t) return;
      const inst = d.own(loan, index);
      inst.lateFeeCharged = true; // checked once, whether or not it was owed
      const owes = outstanding(inst.buckets.principal).gt(0) || outstanding(inst.buckets.interest).gt(0);
      if (owes) d.charge(loan, inst, 'late_fee', fee, 'late_fee');
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
      loan.installments.forEach((shared, index) => {
        const days = last - Math.max(t, shared.due + 1) + 1;
        if (days <= 0) return;
        const principal = outstanding(shared.buckets.principal);
        if (principal.lte(0)) return;
        const inst = d.own(loan, index);
        d.charge(loan, inst, 'delinquency_interest', principal.times(loan.dailyDelinquencyFactor).times(days), 'delinquency_interest_accrual', last);
      });
    }
    if (wantsFee) {
      // A quiet span never crosses a due day, so all its days belong to one period.
      let amount = loan.dailyFee!.times(feeDays);
      if (feeRoom !== null) amount = minDec(amount, feeRoom);
      const index = loan.installments.findIndex((inst) => inst.due >= last);
      const inst = d.own(loan, index === -1 ? loan.installments.length - 1 : index);
      loan.dailyFeeAccrued = loan.dailyFeeAccrued.plus(amount);
      d.charge(loan, inst, 'daily_fee', amount, 'daily_fee_accrual', last);
    }
  }
}

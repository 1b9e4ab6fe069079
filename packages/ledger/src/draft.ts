/**
 * A mutable working copy of a `Core`, used for exactly one step (an operation, a replay,
 * a status read) and then frozen back into an immutable `Core`.
 *
 * Copy-on-write per loan: a loan is cloned the first time the step changes it, so loans the
 * step does not touch (paid-off, cancelled, other borrowers' history) are shared with the
 * previous state. The growing lists (history, payments) are persistent cons lists.
 */
import type { BucketType } from './api.js';
import type { DayNum } from './calendar.js';
import { push, type List } from './cons.js';
import { ZERO, round2, type Dec } from './decimal.js';
import { outstanding } from './buckets.js';
import type { Bucket, Core, HistoryRecord, Installment, Loan, PaymentRecord } from './model.js';

export function cloneLoan(loan: Loan): Loan {
  return {
    ...loan,
    installments: loan.installments.map(cloneInstallment),
    owners: loan.owners.slice(),
  };
}

function cloneInstallment(inst: Installment): Installment {
  const buckets = {} as Record<BucketType, Bucket>;
  for (const key of Object.keys(inst.buckets) as BucketType[]) buckets[key] = { ...inst.buckets[key] };
  return { ...inst, buckets };
}

export const EMPTY_CORE: Core = {
  day: null,
  loans: {},
  loanOrder: [],
  positiveBalance: ZERO,
  history: null,
  payments: null,
  applied: 0,
};

export class Draft {
  day: DayNum | null;
  positiveBalance: Dec;
  history: List<HistoryRecord>;
  payments: List<PaymentRecord>;
  applied: number;
  /** The operation being applied; accruals and automatic steps run with null. */
  operationId: string | null = null;

  private loans: Record<string, Loan>;
  private loansCopied = false;
  private readonly owned = new Set<string>();
  private loanOrder: readonly string[];

  constructor(core: Core) {
    this.day = core.day;
    this.positiveBalance = core.positiveBalance;
    this.history = core.history;
    this.payments = core.payments;
    this.applied = core.applied;
    this.loans = core.loans as Record<string, Loan>;
    this.loanOrder = core.loanOrder;
  }

  get today(): DayNum {
    if (this.day === null) throw new Error('the draft has no day yet');
    return this.day;
  }

  loan(id: string): Loan | undefined {
    return Object.prototype.hasOwnProperty.call(this.loans, id) ? this.loans[id] : undefined;
  }

  /** The loan, cloned on first write in this step. */
  mutable(id: string): Loan {
    const loan = this.loan(id);
    if (loan === undefined) throw new Error(`no loan ${id}`);
    if (this.owned.has(id)) return loan;
    const copy = cloneLoan(loan);
    this.setLoan(copy);
    return copy;
  }

  addLoan(loan: Loan): void {
    this.setLoan(loan);
    this.loanOrder = [...this.loanOrder, loan.id];
  }

  private setLoan(loan: Loan): void {
    if (!this.loansCopied) {
      this.loans = { ...this.loans };
      this.loansCopied = true;
    }
    this.loans[loan.id] = loan;
    this.owned.add(loan.id);
  }

  /** Loans in creation order. */
  allLoans(): Loan[] {
    return this.loanOrder.map((id) => this.loans[id]!);
  }

  loanRank(id: string): number {
    return this.loanOrder.indexOf(id);
  }

  freeze(): Core {
    return {
      day: this.day,
      loans: this.loans,
      loanOrder: this.loanOrder,
      positiveBalance: this.positiveBalance,
      history: this.history,
      payments: this.payments,
      applied: this.applied,
    };
  }

  record(entry: Omit<HistoryRecord, 'day' | 'operationId'> & { day?: DayNum }): void {
    this.history = push(this.history, { ...entry, day: entry.day ?? this.today, operationId: this.operationId });
  }

  addPayment(record: PaymentRecord): void {
    this.payments = push(this.payments, record);
  }

  // --- bucket movements: each one writes its history entry -------------------------------

  /** Raises a bucket's initial amount (origination, accruals, late fee). */
  charge(loan: Loan, inst: Installment, bucket: BucketType, amount: Dec, step: string, day?: DayNum): void {
    const b = inst.buckets[bucket];
    const before = round2(b.initial);
    b.initial = b.initial.plus(amount);
    const delta = round2(b.initial).minus(before);
    if (!delta.isZero()) {
      this.record({ loanId: loan.id, installment: inst.number, bucket, status: 'initial', delta, balance: outstanding(b), step, ...(day === undefined ? {} : { day }) });
    }
  }

  pay(loan: Loan, inst: Installment, bucket: BucketType, amount: Dec, step: string): void {
    if (amount.isZero()) return;
    const b = inst.buckets[bucket];
    b.paid = b.paid.plus(amount);
    this.record({ loanId: loan.id, installment: inst.number, bucket, status: 'paid', delta: amount.neg(), balance: outstanding(b), step });
  }

  waive(loan: Loan, inst: Installment, bucket: BucketType, amount: Dec, step: string): void {
    if (amount.isZero()) return;
    const b = inst.buckets[bucket];
    b.waived = b.waived.plus(amount);
    this.record({ loanId: loan.id, installment: inst.number, bucket, status: 'waived', delta: amount.neg(), balance: outstanding(b), step });
  }

  /** Closes what a bucket still owes (cancellation, consolidation). */
  close(loan: Loan, inst: Installment, bucket: BucketType, step: string): Dec {
    const b = inst.buckets[bucket];
    const amount = outstanding(b);
    if (amount.isZero()) return ZERO;
    b.closed = b.closed.plus(amount);
    this.record({ loanId: loan.id, installment: inst.number, bucket, status: 'closed', delta: amount.neg(), balance: outstanding(b), step });
    return amount;
  }

  movePositiveBalance(delta: Dec, step: string, loanId = ''): void {
    if (delta.isZero()) return;
    this.positiveBalance = this.positiveBalance.plus(delta);
    this.record({ loanId, installment: null, bucket: 'positive_balance', status: delta.isPositive() ? 'credited' : 'applied', delta, balance: this.positiveBalance, step });
  }
}

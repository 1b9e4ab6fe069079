/**
 * A mutable working copy of a `Core`, used for exactly one step (an operation, a replay,
 * a status read) and then frozen back into an immutable `Core`.
 *
 * Copy-on-write at two levels: a loan is shallow-copied the first time the step changes it
 * (`mutable`), and an installment is cloned the first time one of its buckets moves
 * (`own`). Everything the step does not touch — other loans, paid installments — is shared
 * with the previous state. The growing lists (history, payments) are persistent cons lists.
 */
import type { BucketType } from './api.js';
import type { DayNum } from './calendar.js';
import { push, type List } from './cons.js';
import { ZERO, type Dec } from './decimal.js';
import { refresh, roundedInitial } from './buckets.js';
import { BUCKETS, perBucket, type Bucket, type Core, type HistoryRecord, type Installment, type Loan, type PaymentRecord, type PromiseRecord } from './model.js';

function cloneInstallment(inst: Installment): Installment {
  return { ...inst, buckets: perBucket((key): Bucket => ({ ...inst.buckets[key] })) };
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
  /** Replaced as a whole when one changes (a borrower has few). */
  promises: Readonly<Record<string, PromiseRecord>>;
  applied: number;
  /** The operation being applied; accruals and automatic steps run with null. */
  operationId: string | null = null;

  private loans: Readonly<Record<string, Loan>>;
  /** `loans` once this draft has copied them (copy on first write): the core's are never written. */
  private ownLoans: Record<string, Loan> | null = null;
  private readonly ownedLoans = new Set<Loan>();
  private readonly ownedInstallments = new Set<Installment>();
  private loanOrder: readonly string[];

  constructor(core: Core) {
    this.day = core.day;
    this.positiveBalance = core.positiveBalance;
    this.history = core.history;
    this.payments = core.payments;
    this.promises = core.promises ?? {};
    this.applied = core.applied;
    this.loans = core.loans;
    this.loanOrder = core.loanOrder;
  }

  get today(): DayNum {
    if (this.day === null) throw new Error('the draft has no day yet');
    return this.day;
  }

  loan(id: string): Loan | undefined {
    return Object.prototype.hasOwnProperty.call(this.loans, id) ? this.loans[id] : undefined;
  }

  /** The loan, shallow-copied on first write in this step (installments still shared). */
  mutable(id: string): Loan {
    const loan = this.loan(id);
    if (loan === undefined) throw new Error(`no loan ${id}`);
    if (this.ownedLoans.has(loan)) return loan;
    const copy: Loan = { ...loan, installments: loan.installments.slice(), owners: loan.owners.slice(), former: loan.former.slice(), restructurings: loan.restructurings.slice() };
    this.setLoan(copy);
    return copy;
  }

  /** Installment `index` of a mutable loan, cloned on first write in this step. */
  own(loan: Loan, index: number): Installment {
    const inst = loan.installments[index]!;
    if (this.ownedInstallments.has(inst)) return inst;
    const copy = cloneInstallment(inst);
    loan.installments[index] = copy;
    this.ownedInstallments.add(copy);
    return copy;
  }

  addLoan(loan: Loan): void {
    this.setLoan(loan);
    for (const inst of loan.installments) this.ownedInstallments.add(inst);
    this.loanOrder = [...this.loanOrder, loan.id];
  }

  private setLoan(loan: Loan): void {
    const own = (this.ownLoans ??= { ...this.loans });
    own[loan.id] = loan;
    this.loans = own;
    this.ownedLoans.add(loan);
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
      ...(Object.keys(this.promises).length === 0 ? {} : { promises: this.promises }),
      applied: this.applied,
    };
  }

  promise(id: string): PromiseRecord | undefined {
    return Object.prototype.hasOwnProperty.call(this.promises, id) ? this.promises[id] : undefined;
  }

  /** Adds or replaces a promise (creation order is kept: a replaced one keeps its place). */
  setPromise(record: PromiseRecord): void {
    this.promises = { ...this.promises, [record.id]: record };
  }

  record(entry: Omit<HistoryRecord, 'day' | 'operationId'> & { day?: DayNum; operationId?: string | null }): void {
    this.history = push(this.history, { ...entry, day: entry.day ?? this.today, operationId: entry.operationId === undefined ? this.operationId : entry.operationId });
  }

  addPayment(record: PaymentRecord): void {
    this.payments = push(this.payments, record);
  }

  // --- bucket movements on owned installments; each one writes its history entry ---------

  /** Writes a bucket's pending accrual entry (before anything else moves the bucket). */
  private flush(loan: Loan, inst: Installment, bucket: BucketType): void {
    const b = inst.buckets[bucket];
    const p = b.pending;
    if (p === null) return;
    b.pending = null;
    this.record({ loanId: loan.id, installment: inst.number, bucket, status: 'initial', delta: p.delta, balance: b.out, step: p.step, day: p.to, operationId: null });
  }

  /** Raises a bucket's initial amount (origination, late fee). */
  charge(loan: Loan, inst: Installment, bucket: BucketType, amount: Dec, step: string, day?: DayNum): void {
    this.flush(loan, inst, bucket);
    const b = inst.buckets[bucket];
    const before = roundedInitial(b);
    b.initial = b.initial.plus(amount);
    refresh(b);
    const delta = roundedInitial(b).minus(before);
    if (!delta.isZero()) {
      this.record({ loanId: loan.id, installment: inst.number, bucket, status: 'initial', delta, balance: b.out, step, ...(day === undefined ? {} : { day }) });
    }
  }

  /**
   * The first charge of a bucket nothing has moved yet (origination): the same history entry as
   * `charge`, without its rounding steps, which a cent amount on an empty bucket does not need.
   * Anything else goes through `charge`.
   */
  chargeFresh(loan: Loan, inst: Installment, bucket: BucketType, amount: Dec, step: string): void {
    const b = inst.buckets[bucket];
    const fresh = b.initial.isZero() && b.paid.isZero() && b.waived.isZero() && b.closed.isZero() && b.pending === null;
    if (!fresh || amount.isNegative() || amount.decimalPlaces() > 2) {
      this.charge(loan, inst, bucket, amount, step);
      return;
    }
    if (amount.isZero()) return;
    b.initial = amount;
    b.out = amount;
    this.record({ loanId: loan.id, installment: inst.number, bucket, status: 'initial', delta: amount, balance: amount, step });
  }

  /** Accrues days from..to into a bucket; history gets it with the bucket's next movement. */
  accrue(inst: Installment, bucket: BucketType, amount: Dec, step: string, from: DayNum, to: DayNum): void {
    const b = inst.buckets[bucket];
    const before = roundedInitial(b);
    b.initial = b.initial.plus(amount);
    refresh(b);
    const delta = roundedInitial(b).minus(before);
    const p = b.pending;
    if (p !== null && p.step === step) {
      b.pending = { delta: p.delta.plus(delta), from: p.from, to, step };
    } else if (!delta.isZero()) {
      b.pending = { delta, from, to, step };
    }
  }

  /** A clerk's correction of a bucket (docs/ledger.md, "Balance adjustment"): `amount` may be negative. */
  adjust(loan: Loan, inst: Installment, bucket: BucketType, amount: Dec, step: string): void {
    if (amount.isZero()) return;
    this.flush(loan, inst, bucket);
    const b = inst.buckets[bucket];
    b.initial = b.initial.plus(amount);
    refresh(b);
    this.record({ loanId: loan.id, installment: inst.number, bucket, status: 'adjusted', delta: amount, balance: b.out, step });
  }

  pay(loan: Loan, inst: Installment, bucket: BucketType, amount: Dec, step: string): void {
    if (amount.isZero()) return;
    this.flush(loan, inst, bucket);
    const b = inst.buckets[bucket];
    b.paid = b.paid.plus(amount);
    refresh(b);
    this.record({ loanId: loan.id, installment: inst.number, bucket, status: 'paid', delta: amount.neg(), balance: b.out, step });
  }

  waive(loan: Loan, inst: Installment, bucket: BucketType, amount: Dec, step: string): void {
    if (amount.isZero()) return;
    this.flush(loan, inst, bucket);
    const b = inst.buckets[bucket];
    b.waived = b.waived.plus(amount);
    refresh(b);
    this.record({ loanId: loan.id, installment: inst.number, bucket, status: 'waived', delta: amount.neg(), balance: b.out, step });
  }

  /** Closes what every bucket of an installment still owes (cancellation, consolidation). */
  closeInstallment(loan: Loan, index: number, step: string): void {
    const shared = loan.installments[index]!;
    if (BUCKETS.every((k) => shared.buckets[k].out.isZero() && shared.buckets[k].pending === null)) return;
    const inst = this.own(loan, index);
    for (const bucket of BUCKETS) {
      this.flush(loan, inst, bucket);
      const b = inst.buckets[bucket];
      const amount = b.out;
      if (amount.isZero()) continue;
      b.closed = b.closed.plus(amount);
      refresh(b);
      this.record({ loanId: loan.id, installment: inst.number, bucket, status: 'closed', delta: amount.neg(), balance: b.out, step });
    }
  }

  movePositiveBalance(delta: Dec, step: string, loanId: string | null = null, status?: string): void {
    if (delta.isZero()) return;
    this.positiveBalance = this.positiveBalance.plus(delta);
    this.record({ loanId, installment: null, bucket: 'positive_balance', status: status ?? (delta.isPositive() ? 'credited' : 'applied'), delta, balance: this.positiveBalance, step });
  }

  /** Writes off what every bucket of an installment still owes (charge-off); returns the amount. */
  chargeOffInstallment(loan: Loan, index: number, step: string): Dec {
    const shared = loan.installments[index]!;
    if (BUCKETS.every((k) => shared.buckets[k].out.isZero() && shared.buckets[k].pending === null)) return ZERO;
    const inst = this.own(loan, index);
    let total = ZERO;
    for (const bucket of BUCKETS) {
      this.flush(loan, inst, bucket);
      const b = inst.buckets[bucket];
      const amount = b.out;
      if (amount.isZero()) continue;
      b.chargedOff = b.chargedOff.plus(amount);
      refresh(b);
      total = total.plus(amount);
      this.record({ loanId: loan.id, installment: inst.number, bucket, status: 'charged_off', delta: amount.neg(), balance: b.out, step });
    }
    return total;
  }

  /**
   * A recovery on a charged-off bucket: `paid` rises and `chargedOff` falls by the amount, so
   * the outstanding (0) does not move: the entry has delta 0; the amount is the payment's line.
   */
  recover(loan: Loan, inst: Installment, bucket: BucketType, amount: Dec, step: string): void {
    if (amount.isZero()) return;
    this.flush(loan, inst, bucket);
    const b = inst.buckets[bucket];
    b.paid = b.paid.plus(amount);
    b.chargedOff = b.chargedOff.minus(amount);
    refresh(b);
    this.record({ loanId: loan.id, installment: inst.number, bucket, status: 'recovered', delta: ZERO, balance: b.out, step });
  }
}

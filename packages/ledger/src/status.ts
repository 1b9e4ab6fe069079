/**
 * The borrower's status on a calculation day C (docs/reads.md): the state as of C
 * (never influenced by operations effective after C), every amount rounded to cents.
 */
import type { BucketType, Day, LedgerOptions } from './api.js';
import { dayToNum, endOfDay, numToDay, type DayNum } from './calendar.js';
import { allBucketFigures, currentIndex, installmentOutstanding, outstanding, roundedInitial } from './buckets.js';
import { loanSummaryParts, toSummary, type Summary } from './summary.js';

export type { Summary };
import { toArray } from './cons.js';
import { ZERO, money, round2, type Dec } from './decimal.js';
import { BUCKETS, perBucket, type Core, type Installment, type Loan, type LogRecord, type PaymentRecord } from './model.js';
import { coreAt } from './replay.js';
import type { BorrowerState } from './state.js';
import { ownerOn } from './transfer.js';
import { installmentAmountAtOrigination } from './create-loan.js';
import { loanDelinquency, type Delinquency } from './delinquency.js';
import { promiseStatuses, type PromiseStatus } from './promises.js';

export interface BucketStatus {
  initial_balance: number;
  paid: number;
  waived_off: number;
  charged_off: number;
  /** Closed by a cancellation or consolidation. */
  closed: number;
  current: number;
  overdue: number;
  unpaid: number;
  total: number;
}

export interface InstallmentStatus {
  number: number;
  due_date: string;
  state: 'overdue' | 'current' | 'future';
  is_paid: boolean;
  /** Closed by a restructuring of the loan (its amounts live on in the new schedule's principal). */
  restructured: boolean;
  /** Scheduled amount: principal + interest + installment fees. */
  scheduled_amount: number;
  /** What the installment still owes, every bucket. */
  outstanding: number;
  buckets: Record<BucketType, { initial_balance: number; paid: number; waived_off: number; charged_off: number; closed: number; outstanding: number }>;
}

export interface PaymentAllocationStatus {
  loan_id: string;
  installment_number: number;
  bucket: BucketType;
  amount: number;
}

export interface PaymentStatus {
  id: string | null;
  kordev_id: number | null;
  type: PaymentRecord['kind'];
  payment_date: Day;
  amount: number;
  /** To the positive balance (payments, refunds) or taken from it (applications). */
  positive_balance_amount: number;
  loan_id: string | null;
  allocations: PaymentAllocationStatus[];
  /** A reversed payment stays listed with nothing applied (docs/ledger.md, "Payment reversal"). */
  is_reversed: boolean;
  reversal_date: Day | null;
}

export interface Rates {
  interest_rate: number;
  delinquency_interest_rate: number;
}

export interface LoanStatus {
  attributes: {
    id: string;
    kordev_id: number;
    amount_financed: number;
    config_id: string;
    due_dates: string[];
    fixed_installment_amount: number;
    /** The lender's rates (`fixed`) and the ones the engine uses after usury (`applicable`). */
    interest_rates: { fixed: Rates; applicable: Rates };
    daily_fee_charge: number | null;
    installment_fee_charge: number | null;
    installment_fee_2_charge: number | null;
    guarantee_provider: string | null;
    is_cancelled: boolean;
    cancellation_date: Day | null;
    /** The day the loan was charged off, or null (docs/ledger.md "Charge-off"). */
    chargeoff_date: Day | null;
    /** The first installment's scheduled principal, interest and fees at origination. */
    installment_amount_at_origination: number;
    is_consolidated: boolean;
    consolidated_into: string | null;
    consolidation_date: Day | null;
    original_loans: string[] | null;
    owner: string | null;
    origination_date: string;
    paid_off_date: Day | null;
  };
  balance_detail: { at_calculation_date: Record<BucketType, BucketStatus> };
  installments: InstallmentStatus[];
  payments: PaymentStatus[];
  restructurings: Array<{ id: string; effective_date: Day; principal: number }>;
  /** Payments that prepaid future principal and recomputed the schedule (docs/ledger.md, "Prepayment"). */
  prepayments: Array<{ payment_id: string; date: Day; amount: number; effect: 'reduce_term' | 'reduce_installment' }>;
  summary: Summary;
  /** docs/ledger.md "Delinquency": days past due, the loan config's bucket for them, since when. */
  delinquency: Delinquency;
}


export interface BorrowerStatus {
  borrower_id: string;
  calculation_date: Day;
  loans: LoanStatus[];
  positive_balance: number;
  payments: PaymentStatus[];
  summary: Summary;
  /** Promises to pay effective on or before the calculation day, in creation order (docs/ledger.md "Promise to pay"). */
  promises: PromiseStatus[];
}

function kordevBySeq(state: BorrowerState): Map<number, number> {
  const map = new Map<number, number>();
  for (let node = state.log; node !== null; node = node.tail) {
    const rec: LogRecord = node.head;
    map.set(rec.seq, rec.kordevId);
  }
  return map;
}

function paymentStatus(p: PaymentRecord, kordev: Map<number, number>, loanId?: string): PaymentStatus {
  const lines = loanId === undefined ? p.lines : p.lines.filter((l) => l.loanId === loanId);
  return {
    id: p.paymentId ?? p.operationId,
    kordev_id: p.seq === null ? null : kordev.get(p.seq) ?? null,
    type: p.kind,
    payment_date: numToDay(p.day),
    amount: money(loanId === undefined ? p.amount : lines.reduce((s, l) => s.plus(l.amount), ZERO)),
    positive_balance_amount: money(p.positiveBalance),
    loan_id: loanId ?? p.loanId,
    allocations: lines.map((l) => ({ loan_id: l.loanId, installment_number: l.installment, bucket: l.bucket, amount: money(l.amount) })),
    is_reversed: p.reversedOn !== undefined,
    reversal_date: p.reversedOn === undefined ? null : numToDay(p.reversedOn),
  };
}

function numberOrNull(value: Dec | null): number | null {
  return value === null ? null : money(value);
}

function loanStatus(loan: Loan, day: DayNum, kordev: Map<number, number>, payments: PaymentRecord[], timeZone: string): LoanStatus {
  const figures = allBucketFigures(loan, day);
  // Installments closed by restructurings keep their amounts in the loan's figures (they owe nothing).
  const former = loan.former.length === 0 ? null : allBucketFigures({ ...loan, installments: loan.former }, day);
  const detail = perBucket((b): BucketStatus => {
    const f = figures[b]!;
    const g = former?.[b];
    return {
      initial_balance: money(g ? f.initial.plus(g.initial) : f.initial),
      paid: money(g ? f.paid.plus(g.paid) : f.paid),
      waived_off: money(g ? f.waived.plus(g.waived) : f.waived),
      charged_off: money(f.chargedOff),
      closed: money(g ? f.closed.plus(g.closed) : f.closed),
      current: money(f.current),
      overdue: money(f.overdue),
      unpaid: money(f.unpaid),
      total: money(f.total),
    };
  });
  const cur = currentIndex(loan, day);
  const installmentStatus = (inst: Installment, i: number, restructured: boolean): InstallmentStatus => {
    let chargedOff = ZERO;
    const buckets: InstallmentStatus['buckets'] = perBucket((b) => {
      const x = inst.buckets[b];
      chargedOff = chargedOff.plus(x.chargedOff);
      return {
        initial_balance: money(roundedInitial(x)), paid: money(x.paid), waived_off: money(x.waived), charged_off: money(x.chargedOff), closed: money(x.closed), outstanding: money(outstanding(x)),
      };
    });
    const scheduled = round2(inst.buckets.principal.initial).plus(inst.buckets.interest.initial).plus(inst.buckets.installment_fee.initial).plus(inst.buckets.installment_fee_2.initial);
    const owed = installmentOutstanding(inst);
    return {
      number: inst.number,
      due_date: endOfDay(inst.due, timeZone),
      state: inst.due < day ? 'overdue' : !restructured && i === cur ? 'current' : 'future',
      is_paid: owed.isZero() && chargedOff.isZero() && loan.closed === null && !restructured,
      restructured,
      scheduled_amount: money(scheduled),
      outstanding: money(owed),
      buckets,
    };
  };
  const installments = [...loan.former.map((inst, i) => installmentStatus(inst, i, true)), ...loan.installments.map((inst, i) => installmentStatus(inst, i, false))];
  return {
    attributes: {
      id: loan.id,
      kordev_id: kordev.get(loan.createdBySeq) ?? 0,
      amount_financed: money(loan.amountFinanced),
      config_id: loan.configId,
      due_dates: loan.installments.map((inst) => endOfDay(inst.due, timeZone)),
      fixed_installment_amount: money(loan.fixedInstallment),
      interest_rates: {
        fixed: { interest_rate: loan.interestRate.fixed, delinquency_interest_rate: loan.delinquencyRate.fixed },
        applicable: { interest_rate: loan.interestRate.applicable, delinquency_interest_rate: loan.delinquencyRate.applicable },
      },
      daily_fee_charge: numberOrNull(loan.dailyFee),
      installment_fee_charge: numberOrNull(loan.installmentFeeCharge),
      installment_fee_2_charge: numberOrNull(loan.installmentFee2Charge),
      guarantee_provider: loan.guaranteeProvider,
      is_cancelled: loan.closed?.kind === 'cancelled',
      cancellation_date: loan.closed?.kind === 'cancelled' ? numToDay(loan.closed.day) : null,
      chargeoff_date: loan.chargedOff === null ? null : numToDay(loan.chargedOff.day),
      installment_amount_at_origination: money(installmentAmountAtOrigination(loan)),
      is_consolidated: loan.closed?.kind === 'consolidated',
      consolidated_into: loan.closed?.into ?? null,
      consolidation_date: loan.closed?.kind === 'consolidated' ? numToDay(loan.closed.day) : null,
      original_loans: loan.consolidationOf,
      owner: ownerOn(loan, day),
      origination_date: loan.originationDate,
      paid_off_date: loan.paidOff === null ? null : numToDay(loan.paidOff),
    },
    balance_detail: { at_calculation_date: detail },
    installments,
    payments: payments
      .filter((p) => p.loanId === loan.id || p.lines.some((l) => l.loanId === loan.id))
      .map((p) => paymentStatus(p, kordev, loan.id)),
    restructurings: loan.restructurings.map((r) => ({ id: r.id, effective_date: numToDay(r.day), principal: money(r.principal) })),
    prepayments: (loan.prepayments ?? []).map((p) => ({ payment_id: p.paymentId, date: numToDay(p.day), amount: money(p.amount), effect: p.effect })),
    summary: toSummary([loanSummaryParts(loan, day)]),
    delinquency: loanDelinquency(loan, day),
  };
}

export function statusFromCore(state: BorrowerState, core: Core, day: DayNum, options: LedgerOptions): BorrowerStatus {
  const kordev = kordevBySeq(state);
  const payments = toArray(core.payments);
  const loans = core.loanOrder.map((id) => core.loans[id]!);
  return {
    borrower_id: state.borrowerId,
    calculation_date: numToDay(day),
    loans: loans.map((loan) => loanStatus(loan, day, kordev, payments, options.timeZone)),
    positive_balance: money(core.positiveBalance),
    payments: payments.map((p) => paymentStatus(p, kordev)),
    summary: toSummary(loans.map((loan) => loanSummaryParts(loan, day))),
    promises: promiseStatuses(core, day),
  };
}

/** docs/reads.md get_status: the state advanced (or replayed) to day C. Never mutates `state`. */
export function statusAt(state: BorrowerState, day: Day, options: LedgerOptions): BorrowerStatus {
  const n = dayToNum(day);
  return statusFromCore(state, coreAt(state, n, options), n, options);
}

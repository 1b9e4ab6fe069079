/**
 * Create loan: the schedule is built at origination and every scheduled bucket is charged
 * on the origination day (history step `origination`). Accrued buckets start at zero.
 */
import type { ConsolidationTerms, CreateLoanOperation, LedgerEvent, LoanConfig, LoanTerms } from './api.js';
import { endOfDay, instantToDayNum, parseDueDates, type DayNum } from './calendar.js';
import { sortedBody, requestIdOf, type OpContext, type Outcome } from './context.js';
import { ZERO, money, toDec, toDecOrNull, type Dec } from './decimal.js';
import { compoundedRate, conventionsOf } from './conventions.js';
import { fraction } from './day-count.js';
import type { Draft } from './draft.js';
import { emptyBuckets } from './buckets.js';
import { refusal } from './errors.js';
import type { Installment, Loan } from './model.js';
import { buildSchedule } from './schedule.js';
import { applicableRate, checkUsury } from './usury.js';
import { domainEvent, freshEvents } from './events.js';
import type { CreateLoanResult } from './operations/create-loan.js';

export const DEFAULT_LOAN_CONFIG: LoanConfig = {
  id: 'DEFAULT',
  version: 1,
  usury_rate: null,
  usury_behavior: 'cap',
  daily_fee_max_charge: null,
  late_fee_amount: null,
  late_fee_grace_days: 0,
};

export interface NewLoanInput {
  loanId: string;
  seq: number;
  operationId: string;
  /** The terms of the new loan: a create-loan `loan` or a consolidation's `loan_consolidation`. */
  fields: LoanTerms | ConsolidationTerms;
  principal: Dec;
  origination: DayNum;
  originationDate: string;
  loanConfig: LoanConfig;
  configId: string;
  owner: string | null;
  consolidationOf: string[] | null;
}

const ONE_DAY = fraction(1, 365);

/**
 * docs/ledger.md delinquency interest: the daily factor (1+R)^(1/365) − 1 of an annual rate R
 * (memoized). Loans with other interest conventions accrue through `delinquencyOver`; for them
 * this factor only tells whether R is zero.
 */
export function dailyFactor(annual: Dec): Dec {
  return compoundedRate(annual, ONE_DAY);
}

/** Validates due dates as calendar days: strictly increasing and after origination. */
export function dueDaysOf(raw: unknown, origination: DayNum, timeZone: string): DayNum[] | null {
  const strings = parseDueDates(raw);
  if (strings.length === 0) return null;
  const days: DayNum[] = [];
  try {
    for (const s of strings) days.push(instantToDayNum(s, timeZone));
  } catch {
    return null;
  }
  let previous = origination;
  for (const day of days) {
    if (day <= previous) return null;
    previous = day;
  }
  return days;
}

/** Builds a loan (used by create loan and by consolidation) and charges its schedule. */
export function originateLoan(ctx: OpContext, input: NewLoanInput, dueDays: DayNum[]): Loan {
  const { d } = ctx;
  const f = input.fields;
  const interestRate = applicableRate(f.interest_rate, input.loanConfig);
  const delinquencyRate = applicableRate(f.delinquency_interest_rate, input.loanConfig);
  const installmentFeeCharge = toDecOrNull(f.installment_fee_charge);
  const installmentFee2Charge = toDecOrNull(f.installment_fee_2_charge);
  const conventions = conventionsOf(input.loanConfig);
  const schedule = buildSchedule({
    principal: input.principal,
    annualRate: toDec(interestRate.applicable),
    origination: input.origination,
    dueDays,
    installmentFee: installmentFeeCharge,
    installmentFee2: installmentFee2Charge,
    conventions,
  });
  const delinquencyAnnual = toDec(delinquencyRate.applicable);
  const maxCharge = input.loanConfig.daily_fee_max_charge;
  const dailyFee = toDecOrNull(f.daily_fee_charge);
  const installments: Installment[] = schedule.installments.map((s, i) => ({
    number: i + 1,
    due: s.due,
    buckets: emptyBuckets(conventions.rounding),
    lateFeeCharged: false,
  }));
  const loan: Loan = {
    id: input.loanId,
    createdBySeq: input.seq,
    createdByOperation: input.operationId,
    configId: input.configId,
    loanConfig: input.loanConfig,
    amountFinanced: input.principal,
    origination: input.origination,
    originationDate: input.originationDate,
    fixedInstallment: schedule.fixedInstallment,
    interestRate,
    delinquencyRate,
    dailyDelinquencyFactor: dailyFactor(delinquencyAnnual),
    dailyFee: dailyFee !== null && dailyFee.gt(0) ? dailyFee : null,
    dailyFeeMax: maxCharge === null || maxCharge === undefined ? null : toDec(maxCharge),
    dailyFeeAccrued: ZERO,
    installmentFeeCharge,
    installmentFee2Charge,
    guaranteeProvider: typeof f.guarantee_provider === 'string' ? f.guarantee_provider : null,
    installments,
    owners: [{ from: input.origination, owner: typeof input.owner === 'string' ? input.owner : null }],
    closed: null,
    chargedOff: null,
    former: [],
    restructurings: [],
    paidOff: null,
    consolidationOf: input.consolidationOf,
  };
  d.addLoan(loan);
  schedule.installments.forEach((s, i) => {
    const inst = installments[i]!;
    d.chargeFresh(loan, inst, 'principal', s.principal, 'origination');
    d.chargeFresh(loan, inst, 'interest', s.interest, 'origination');
    d.chargeFresh(loan, inst, 'installment_fee', s.installmentFee, 'origination');
    d.chargeFresh(loan, inst, 'installment_fee_2', s.installmentFee2, 'origination');
  });
  return loan;
}

export function loanExists(d: Draft, loanId: string): boolean {
  return d.loan(loanId) !== undefined;
}

export function createLoan(ctx: OpContext<CreateLoanOperation>): Outcome<CreateLoanResult, 'loan.originated'> {
  const { op, options, d } = ctx;
  const loan = op.body.loan;
  const context = { borrower_id: ctx.borrowerId, loan_id: op.loanId };
  if (loanExists(d, op.loanId)) return refusal('loan_already_exists', context);
  const loanConfig = op.loanConfig ?? DEFAULT_LOAN_CONFIG;
  const usury = checkUsury(loan, loanConfig);
  if (usury !== null) return { ok: false, statusCode: 400, body: { ...usury, context: { ...context, ...usury.context } } };
  const dueDays = dueDaysOf(loan.due_dates, ctx.day, options.timeZone);
  if (dueDays === null) return refusal('invalid_due_dates', { ...context, due_dates: loan.due_dates ?? null, origination_date: loan.origination_date ?? null });
  const principal = toDec(loan.amount_financed);
  const created = originateLoan(ctx, {
    loanId: op.loanId,
    seq: op.seq,
    operationId: op.operationId,
    fields: loan,
    principal,
    origination: ctx.day,
    originationDate: typeof loan.origination_date === 'string' ? loan.origination_date : '',
    loanConfig,
    configId: typeof loan.config_id === 'string' ? loan.config_id : loanConfig.id,
    owner: loan.owner ?? null,
    consolidationOf: null,
  }, dueDays);
  // The seed's 200 body: the `loan` object echoed as sent, plus id, kordev_id, request_id;
  // due_dates are the final ones ("displayed in the response"): end of their local day.
  return {
    ok: true,
    body: sortedBody<CreateLoanResult>({ ...loan, due_dates: dueDays.map((day) => endOfDay(day, options.timeZone)), id: op.loanId, kordev_id: ctx.kordevId, request_id: requestIdOf(op) }),
    ...freshEvents(ctx, () => [loanOriginated(ctx, created)]),
  };
}

/**
 * What the borrower was to pay per installment when the loan was originated: the first
 * installment's scheduled principal, interest and installment fees (docs/reads.md). Scheduled
 * buckets never change after origination, so this holds whatever happens to the loan later.
 */
export function installmentAmountAtOrigination(loan: Loan): Dec {
  const first = loan.installments[0]?.buckets;
  if (first === undefined) return ZERO;
  return first.principal.initial.plus(first.interest.initial).plus(first.installment_fee.initial).plus(first.installment_fee_2.initial);
}

/** `loan.originated` (docs/events.md): the terms the loan was created with, after usury. */
export function loanOriginated(ctx: OpContext, loan: Loan): LedgerEvent<'loan.originated'> {
  return domainEvent(ctx, 'loan.originated', loan.id, {
    amount_financed: money(loan.amountFinanced),
    config_id: loan.configId,
    delinquency_interest_rate: loan.delinquencyRate.applicable,
    due_dates: loan.installments.map((inst) => endOfDay(inst.due, ctx.options.timeZone)),
    fixed_installment_amount: money(loan.fixedInstallment),
    installment_amount_at_origination: money(installmentAmountAtOrigination(loan)),
    interest_rate: loan.interestRate.applicable,
    number_of_installments: loan.installments.length,
    origination_date: loan.originationDate,
    original_loans: loan.consolidationOf,
    owner: loan.owners[0]?.owner ?? null,
  });
}


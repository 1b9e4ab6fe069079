/**
 * Quoting a loan before it exists (docs/reads.md, "Simulate loans"): the create-loan operation
 * applied to an empty borrower by `apply` itself, so the plan is the schedule the loan would get,
 * refusals included (usury `reject`, due dates). Nothing here is stored by anyone.
 */
import type { CreateLoanOperation, Day, ErrorBody, LedgerOptions } from './api.js';
import { endOfDay, numToDay, type DayNum } from './calendar.js';
import { installmentAmountAtOrigination } from './create-loan.js';
import { ZERO, minDec, money, type Dec } from './decimal.js';
import type { Loan } from './model.js';
import { apply } from './apply.js';
import { emptyState } from './state.js';

export interface AmortizationRow {
  number: number;
  start_date: Day;
  end_date: Day;
  principal_payment: number;
  interest_payment: number;
  installment_fee_payment: number;
  installment_fee_2_payment: number;
  daily_fee_payment: number;
  total_payment: number;
}

export interface LoanQuote {
  amortization_plan: AmortizationRow[];
  attributes: {
    amount_financed: number;
    config_id: string;
    due_dates: string[];
    interest_rate: number;
    delinquency_interest_rate: number;
    interest_rates: { fixed: { interest_rate: number; delinquency_interest_rate: number }; applicable: { interest_rate: number; delinquency_interest_rate: number } };
    origination_date: string;
  };
  summary: {
    fixed_installment_amount: number;
    installment_amount_at_origination: number;
    total: number;
    total_principal: number;
    total_interest: number;
    total_installment_fee: number;
    total_installment_fee_2: number;
    total_daily_fee: number;
  };
}

export type LoanQuoteResult = { ok: true; quote: LoanQuote } | { ok: false; statusCode: number; body: ErrorBody };

/**
 * The daily fee of each period if the loan keeps its principal through the last due day (no
 * payment ahead of schedule): the fee of every day from origination + 1, each day belonging to
 * the installment whose period holds it, until the total reaches the config's cap. The ledger
 * accrues exactly this on a loan nobody pays (docs/ledger.md, "Daily fee").
 */
export function dailyFeePlan(loan: Loan): Dec[] {
  let accrued = ZERO;
  let previous: DayNum = loan.origination;
  return loan.installments.map((inst) => {
    const days = inst.due - previous;
    previous = inst.due;
    if (loan.dailyFee === null || loan.amountFinanced.lte(0)) return ZERO;
    let amount = loan.dailyFee.times(days);
    if (loan.dailyFeeMax !== null) amount = minDec(amount, loan.dailyFeeMax.minus(accrued));
    if (amount.isNegative()) amount = ZERO;
    accrued = accrued.plus(amount);
    return amount;
  });
}

export function simulateLoan(op: CreateLoanOperation, options: LedgerOptions): LoanQuoteResult {
  const out = apply(emptyState('simulation'), op, options);
  if (!out.result.ok) return { ok: false, statusCode: out.result.statusCode, body: out.result.body };
  const loan = out.state.live.loans[op.loanId]!;
  const fees = dailyFeePlan(loan);
  const totals = { principal: ZERO, interest: ZERO, fee: ZERO, fee2: ZERO, daily: ZERO };
  let start: DayNum = loan.origination;
  const plan = loan.installments.map((inst, i): AmortizationRow => {
    const b = inst.buckets;
    const daily = fees[i]!;
    totals.principal = totals.principal.plus(b.principal.initial);
    totals.interest = totals.interest.plus(b.interest.initial);
    totals.fee = totals.fee.plus(b.installment_fee.initial);
    totals.fee2 = totals.fee2.plus(b.installment_fee_2.initial);
    totals.daily = totals.daily.plus(daily);
    const row: AmortizationRow = {
      number: inst.number,
      start_date: numToDay(start),
      end_date: numToDay(inst.due),
      principal_payment: money(b.principal.initial),
      interest_payment: money(b.interest.initial),
      installment_fee_payment: money(b.installment_fee.initial),
      installment_fee_2_payment: money(b.installment_fee_2.initial),
      daily_fee_payment: money(daily),
      total_payment: money(b.principal.initial.plus(b.interest.initial).plus(b.installment_fee.initial).plus(b.installment_fee_2.initial).plus(daily)),
    };
    start = inst.due;
    return row;
  });
  const rates = (pick: 'fixed' | 'applicable') => ({ interest_rate: loan.interestRate[pick], delinquency_interest_rate: loan.delinquencyRate[pick] });
  return {
    ok: true,
    quote: {
      amortization_plan: plan,
      attributes: {
        amount_financed: money(loan.amountFinanced),
        config_id: loan.configId,
        due_dates: loan.installments.map((inst) => endOfDay(inst.due, options.timeZone)),
        interest_rate: loan.interestRate.applicable,
        delinquency_interest_rate: loan.delinquencyRate.applicable,
        interest_rates: { fixed: rates('fixed'), applicable: rates('applicable') },
        origination_date: loan.originationDate || op.recordedAt,
      },
      summary: {
        fixed_installment_amount: money(loan.fixedInstallment),
        installment_amount_at_origination: money(installmentAmountAtOrigination(loan)),
        total: money(totals.principal.plus(totals.interest).plus(totals.fee).plus(totals.fee2).plus(totals.daily)),
        total_principal: money(totals.principal),
        total_interest: money(totals.interest),
        total_installment_fee: money(totals.fee),
        total_installment_fee_2: money(totals.fee2),
        total_daily_fee: money(totals.daily),
      },
    },
  };
}

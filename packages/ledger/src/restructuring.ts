/**
 * Restructuring (docs/ledger.md, "Restructuring"): a consolidation of one loan into itself,
 * keeping its id, owner and kordev_id. On the effective day E the consolidation rules
 * (carry-over.ts, with the restructuring config) close its installments and give the new
 * principal; a new schedule over the new due dates (all after E) is originated on E at the
 * requested rates (default: the loan's applicable interest rate and its delinquency rate),
 * with usury as for a new loan. The closed installments stay on the loan as `former`.
 */
import type { CreateRestructuringOperation } from './api.js';
import { markPaidOff } from './allocation.js';
import { emptyBuckets } from './buckets.js';
import { endOfDay, numToDay } from './calendar.js';
import { carryOver } from './carry-over.js';
import { requestIdOf, sortedBody, type OpContext, type Outcome } from './context.js';
import { dailyFactor, dueDaysOf } from './create-loan.js';
import { money, toDec, toDecOrNull } from './decimal.js';
import { closedLoanRefusal, refusal } from './errors.js';
import type { Installment } from './model.js';
import { buildSchedule } from './schedule.js';
import { conventionsOf } from './conventions.js';
import { applicableRate, checkUsury } from './usury.js';
import type { CreateRestructuringResult } from './operations/create-restructuring.js';

export function createRestructuring(ctx: OpContext<CreateRestructuringOperation>): Outcome<CreateRestructuringResult, 'loan.restructured'> {
  const { d, op, options } = ctx;
  const body = op.body.loan_restructuring;
  const context = { borrower_id: ctx.borrowerId, loan_id: op.loanId, restructuring_id: op.restructuringId };
  const existing = d.loan(op.loanId);
  if (existing === undefined) return refusal('loan_not_found', context);
  const closed = closedLoanRefusal(existing, context);
  if (closed !== null) return closed;
  const rates = {
    interest_rate: body.interest_rate ?? existing.interestRate.applicable,
    delinquency_interest_rate: body.delinquency_interest_rate ?? existing.delinquencyRate.fixed,
  };
  const usury = checkUsury(rates, existing.loanConfig);
  if (usury !== null) return { ok: false, statusCode: 400, body: { ...usury, context: { ...context, ...usury.context } } };
  const dueDays = dueDaysOf(body.due_dates, ctx.day, options.timeZone);
  if (dueDays === null) return refusal('invalid_due_dates', { ...context, due_dates: body.due_dates ?? null, effective_date: body.effective_date ?? null });

  const principal = carryOver(d, op.loanId, op.restructuringConfig, { waiverStep: 'restructuring_waiver', closeStep: 'restructuring', context }).carried;
  const loan = d.mutable(op.loanId);
  const interestRate = applicableRate(rates.interest_rate, loan.loanConfig);
  const delinquencyRate = applicableRate(rates.delinquency_interest_rate, loan.loanConfig);
  const installmentFee = toDecOrNull(body.installment_fee_charge);
  const conventions = conventionsOf(loan.loanConfig);
  const schedule = buildSchedule({
    principal,
    annualRate: toDec(interestRate.applicable),
    origination: ctx.day,
    dueDays,
    installmentFee,
    installmentFee2: null,
    conventions,
  });
  // Numbers go on after the closed installments, so (loan, installment) names one installment for good.
  const offset = loan.former.length + loan.installments.length;
  const installments: Installment[] = schedule.installments.map((s, i) => ({ number: offset + i + 1, due: s.due, buckets: emptyBuckets(conventions.rounding), lateFeeCharged: false }));
  loan.former = [...loan.former, ...loan.installments];
  loan.installments = installments;
  loan.fixedInstallment = schedule.fixedInstallment;
  loan.interestRate = interestRate;
  loan.delinquencyRate = delinquencyRate;
  loan.dailyDelinquencyFactor = dailyFactor(toDec(delinquencyRate.applicable));
  if (body.daily_fee_charge !== undefined) {
    const fee = toDecOrNull(body.daily_fee_charge);
    loan.dailyFee = fee !== null && fee.gt(0) ? fee : null;
  }
  loan.installmentFeeCharge = installmentFee;
  loan.installmentFee2Charge = null;
  loan.paidOff = null;
  loan.restructurings = [...loan.restructurings, { id: op.restructuringId, day: ctx.day, principal, seq: op.seq }];
  schedule.installments.forEach((s, i) => {
    const inst = installments[i]!;
    d.charge(loan, inst, 'principal', s.principal, 'restructuring');
    d.charge(loan, inst, 'interest', s.interest, 'restructuring');
    d.charge(loan, inst, 'installment_fee', s.installmentFee, 'restructuring');
  });
  markPaidOff(d, [loan.id]);

  const dueDates = dueDays.map((day) => endOfDay(day, options.timeZone));
  const newPrincipal = money(principal);
  const fixedInstallment = money(schedule.fixedInstallment);
  return {
    ok: true,
    body: sortedBody<CreateRestructuringResult>({
      fixed_installment_amount: fixedInstallment,
      id: op.restructuringId,
      kordev_id: ctx.kordevId,
      loan_id: op.loanId,
      loan_restructuring: { ...body, due_dates: dueDates },
      new_principal: newPrincipal,
      request_id: requestIdOf(op),
    }),
    events: [{
      type: 'loan.restructured',
      loan_id: op.loanId,
      effective_date: numToDay(ctx.day),
      payload: { due_dates: dueDates, fixed_installment_amount: fixedInstallment, kordev_id: ctx.kordevId, new_principal: newPrincipal, restructuring_id: op.restructuringId },
    }],
  };
}

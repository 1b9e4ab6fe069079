/**
 * Waivers (docs/ledger.md): fifteen scopes, each a set of (installment, bucket) pairs at the
 * waiver's effective day. Within a scope the amount goes overdue installments oldest first,
 * then the current one, then future ones (= due order), buckets in the default payment order.
 */
import type { BucketType, CreateWaiverOperation, WaiverScope } from './api.js';
import type { DayNum } from './calendar.js';
import { currentIndex, outstanding } from './buckets.js';
import { sortedBody, requestIdOf, type OpContext, type Outcome } from './context.js';
import { ZERO, minDec, toDec, type Dec } from './decimal.js';
import { roundByLoan } from './conventions.js';
import type { Draft } from './draft.js';
import { refusal, type Refusal } from './errors.js';
import { DEFAULT_ORDER, type Loan } from './model.js';
import { markPaidOff } from './allocation.js';
import { domainEvent, freshEvents } from './events.js';
import { money } from './decimal.js';
import type { CreateWaiverResult } from './operations/create-waiver.js';


type Which = 'all' | 'overdue' | 'current' | 'non_overdue';

const SCOPES: Record<WaiverScope, { which: Which; buckets: readonly BucketType[] }> = {
  all: { which: 'all', buckets: DEFAULT_ORDER },
  principal: { which: 'all', buckets: ['principal'] },
  interest: { which: 'all', buckets: ['interest'] },
  installment_fee: { which: 'all', buckets: ['installment_fee'] },
  delinquency_interest: { which: 'all', buckets: ['delinquency_interest'] },
  late_fee: { which: 'all', buckets: ['late_fee'] },
  overdue_principal: { which: 'overdue', buckets: ['principal'] },
  overdue_interest: { which: 'overdue', buckets: ['interest'] },
  overdue_installment_fee: { which: 'overdue', buckets: ['installment_fee'] },
  current_principal: { which: 'current', buckets: ['principal'] },
  current_installment_fee: { which: 'current', buckets: ['installment_fee'] },
  current_installment: { which: 'current', buckets: DEFAULT_ORDER },
  non_overdue_principal: { which: 'non_overdue', buckets: ['principal'] },
  non_overdue_installment_fee: { which: 'non_overdue', buckets: ['installment_fee'] },
  discount_at_origination: { which: 'all', buckets: ['principal'] },
};

export function isWaiverScope(value: unknown): value is WaiverScope {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(SCOPES, value);
}

/** Indexes of the scope's installments, in waiver order (= due order). */
function scopeInstallments(loan: Loan, which: Which, day: DayNum): number[] {
  const cur = currentIndex(loan, day);
  const out: number[] = [];
  loan.installments.forEach((inst, i) => {
    const inScope = which === 'all' || (which === 'overdue' && inst.due < day) || (which === 'current' && i === cur) || (which === 'non_overdue' && inst.due >= day);
    if (inScope) out.push(i);
  });
  return out;
}

export function scopeOwed(loan: Loan, scope: WaiverScope, day: DayNum): Dec {
  const { which, buckets } = SCOPES[scope];
  let owed = ZERO;
  for (const i of scopeInstallments(loan, which, day)) for (const b of buckets) owed = owed.plus(outstanding(loan.installments[i]!.buckets[b]));
  return owed;
}

export interface WaiverRequest {
  bucket: WaiverScope;
  type: 'amount' | 'percentage';
  amount?: number | null;
  percentage?: number | null;
}

/**
 * Applies one waiver to a loan. `clamp` (replays, consolidation configs) lowers an amount
 * above what the scope owes to what it owes instead of refusing.
 */
export function waive(
  d: Draft,
  loanId: string,
  request: WaiverRequest,
  options: { clamp: boolean; step: string; context: Record<string, unknown> },
): { ok: true; waived: Dec; clamped: boolean } | Refusal {
  const day = d.today;
  const loan = d.loan(loanId)!;
  if (request.bucket === 'discount_at_origination' && day !== loan.origination) {
    if (!options.clamp) return refusal('discount_not_on_origination', options.context);
    return { ok: true, waived: ZERO, clamped: true };
  }
  const owed = scopeOwed(loan, request.bucket, day);
  let amount: Dec;
  if (request.type === 'percentage') {
    amount = roundByLoan(loan, toDec(request.percentage).times(owed));
  } else {
    amount = toDec(request.amount);
  }
  let clamped = false;
  if (amount.gt(owed)) {
    if (!options.clamp) return refusal('waiver_exceeds_owed', { ...options.context, amount: amount.toNumber(), owed: owed.toNumber() });
    amount = owed;
    clamped = true;
  }
  const mutable = d.mutable(loanId);
  const { which, buckets } = SCOPES[request.bucket];
  let remaining = amount;
  for (const i of scopeInstallments(mutable, which, day)) {
    for (const b of buckets) {
      if (remaining.lte(0)) break;
      const take = minDec(remaining, outstanding(mutable.installments[i]!.buckets[b]));
      if (take.lte(0)) continue;
      d.waive(mutable, d.own(mutable, i), b, take, options.step);
      remaining = remaining.minus(take);
    }
  }
  markPaidOff(d, [loanId]);
  return { ok: true, waived: amount, clamped };
}

export function createWaiver(ctx: OpContext<CreateWaiverOperation>): Outcome<CreateWaiverResult, 'waiver.applied'> {
  const { d, op } = ctx;
  const waiver = op.body.waiver;
  const context = { borrower_id: ctx.borrowerId, loan_id: op.loanId, waiver_id: op.waiverId };
  const loan = d.loan(op.loanId);
  if (loan === undefined) return refusal('loan_not_found', context);
  if (loan.closed !== null) return refusal(loan.closed.kind === 'cancelled' ? 'loan_cancelled' : 'loan_consolidated', context);
  if (loan.chargedOff !== null) return refusal('loan_charged_off', context);
  // Scope, type and the amount or percentage it needs: checked by contracts before intake accepts it.
  const type = waiver.type;
  const outcome = waive(d, op.loanId, { bucket: waiver.bucket, type, amount: waiver.amount, percentage: waiver.percentage }, {
    clamp: ctx.mode === 'replay',
    step: 'waiver',
    context,
  });
  if (!outcome.ok) return outcome;
  return {
    ok: true,
    clamped: outcome.clamped,
    ...freshEvents(ctx, () => [domainEvent(ctx, 'waiver.applied', op.loanId, {
      amount: waiver.amount ?? null,
      bucket: waiver.bucket,
      percentage: waiver.percentage ?? null,
      reason: waiver.reason ?? null,
      type,
      waived_amount: money(outcome.waived),
      waiver_id: op.waiverId,
    })]),
    body: sortedBody<CreateWaiverResult>({ ...waiver, id: op.waiverId, kordev_id: ctx.kordevId, loan_id: op.loanId, request_id: requestIdOf(op) }),
  };
}

/**
 * Reimbursement (docs/ledger.md, "Reimbursement"): the borrower is paid back from the
 * positive balance on the effective day. More than the positive balance of that day is a
 * refusal; on a replay (a back-dated operation left less positive balance) it reimburses
 * what there is.
 */
import type { CreateReimbursementOperation } from './api.js';
import { numToDay } from './calendar.js';
import { requestIdOf, sortedBody, type OpContext, type Outcome } from './context.js';
import { minDec, money, toDec } from './decimal.js';
import { refusal } from './errors.js';
import type { CreateReimbursementResult } from './operations/create-reimbursement.js';

export function createReimbursement(ctx: OpContext<CreateReimbursementOperation>): Outcome<CreateReimbursementResult, 'positive_balance.reimbursed'> {
  const { d, op } = ctx;
  const reimbursement = op.body.reimbursement;
  const context = { borrower_id: ctx.borrowerId, reimbursement_id: op.reimbursementId };
  const value = toDec(reimbursement.value);
  // Contracts refuses it first at intake; the ledger's own contract keeps the 400 (docs/ledger.md).
  if (value.lte(0)) return refusal('invalid_request', { ...context, value: reimbursement.value });
  const available = d.positiveBalance;
  if (value.gt(available) && ctx.mode === 'fresh') {
    return refusal('reimbursement_exceeds_positive_balance', { ...context, value: reimbursement.value, positive_balance: money(available) });
  }
  const paid = minDec(value, available);
  d.movePositiveBalance(paid.neg(), 'reimbursement', null, 'reimbursed');
  const after = money(d.positiveBalance);
  return {
    ok: true,
    clamped: !paid.eq(value),
    body: sortedBody<CreateReimbursementResult>({
      id: op.reimbursementId,
      kordev_id: ctx.kordevId,
      positive_balance_after: after,
      reimbursement,
      request_id: requestIdOf(op),
    }),
    events: [{
      type: 'positive_balance.reimbursed',
      loan_id: null,
      effective_date: numToDay(ctx.day),
      payload: { kordev_id: ctx.kordevId, positive_balance_after: after, reimbursement_id: op.reimbursementId, value: money(paid) },
    }],
  };
}

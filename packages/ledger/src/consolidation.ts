/**
 * Loan consolidation (docs/ledger.md). On the effective day, for each original loan:
 *   1. the consolidation config's waivers are applied (an amount above what the scope owes
 *      is lowered to it: a config is generic and cannot know each loan's balance);
 *   2. of the carried buckets, the principal's `total` and every other bucket's `unpaid`
 *      (overdue + current) is carried into the new loan's principal;
 *   3. everything the loan still owes is closed (step `consolidation`): carried amounts
 *      now live in the new loan, the rest (future interest and fees, buckets not carried)
 *      is forgiven.
 * The new loan's id is the consolidation_id, originated on the effective day with the
 * request's rates, due dates, owner and loan config.
 */
import type { CreateConsolidationOperation } from './api.js';
import { carryOver } from './carry-over.js';
import { requestIdOf, sortedBody, type OpContext, type Outcome } from './context.js';
import { endOfDay } from './calendar.js';
import { closedLoanRefusal, refusal } from './errors.js';
import { DEFAULT_LOAN_CONFIG, dueDaysOf, originateLoan } from './create-loan.js';
import { checkUsury } from './usury.js';
import { domainEvent, freshEvents } from './events.js';
import { loanOriginated } from './create-loan.js';
import { ZERO, money, type Dec } from './decimal.js';
import type { CreateConsolidationResult } from './operations/create-consolidation.js';

export function createConsolidation(ctx: OpContext<CreateConsolidationOperation>): Outcome<CreateConsolidationResult, 'loan.consolidated' | 'loan.originated'> {
  const { d, op, options } = ctx;
  const body = op.body.loan_consolidation;
  const context: Record<string, unknown> = { borrower_id: ctx.borrowerId, consolidation_id: op.consolidationId };

  // At least one loan: contracts checked the list. A loan named twice is refused here too
  // (409), as the ledger's own contract says (docs/ledger.md, "Consolidation").
  const requested = body.original_loans;
  const seen = new Set<string>();
  for (const id of requested) {
    if (seen.has(id)) return refusal('duplicate_loans', { ...context, loan_id: id });
    seen.add(id);
  }
  for (const id of requested) {
    const loan = d.loan(id);
    if (loan === undefined) return refusal('loan_not_found', { ...context, loan_id: id });
    const closed = closedLoanRefusal(loan, { ...context, loan_id: id });
    if (closed !== null) return closed;
  }
  if (d.loan(op.consolidationId) !== undefined) return refusal('loan_already_exists', { ...context, loan_id: op.consolidationId });
  const loanConfig = op.loanConfig ?? DEFAULT_LOAN_CONFIG;
  const usury = checkUsury(body, loanConfig);
  if (usury !== null) return { ok: false, statusCode: 400, body: { ...usury, context: { ...context, ...usury.context } } };
  const dueDays = dueDaysOf(body.due_dates, ctx.day, options.timeZone);
  if (dueDays === null) return refusal('invalid_due_dates', { ...context, due_dates: body.due_dates ?? null, effective_date: body.effective_date ?? null });

  let principal = ZERO;
  const carriedBy: Array<{ loanId: string; carried: Dec; waived: Dec }> = [];
  for (const id of requested) {
    const over = carryOver(d, id, op.consolidationConfig, { waiverStep: 'consolidation_waiver', closeStep: 'consolidation', context: { ...context, loan_id: id } });
    principal = principal.plus(over.carried);
    carriedBy.push({ loanId: id, carried: over.carried, waived: over.waived });
    d.mutable(id).closed = { kind: 'consolidated', day: ctx.day, into: op.consolidationId, bySeq: op.seq };
  }

  const created = originateLoan(ctx, {
    loanId: op.consolidationId,
    seq: op.seq,
    operationId: op.operationId,
    fields: body,
    principal,
    origination: ctx.day,
    originationDate: typeof body.effective_date === 'string' ? body.effective_date : op.recordedAt,
    loanConfig,
    configId: typeof body.loan_config === 'string' ? body.loan_config : loanConfig.id,
    owner: body.owner ?? null,
    consolidationOf: requested,
  }, dueDays);

  return {
    ok: true,
    // Each original loan's closing, then the new loan's origination (docs/events.md).
    ...freshEvents(ctx, () => [
      ...carriedBy.map((c) => domainEvent(ctx, 'loan.consolidated', c.loanId, {
        carried_amount: money(c.carried),
        consolidated_into: op.consolidationId,
        consolidation_id: op.consolidationId,
        waived_amount: money(c.waived),
      })),
      loanOriginated(ctx, created),
    ]),
    body: sortedBody<CreateConsolidationResult>({
      id: op.consolidationId,
      kordev_id: ctx.kordevId,
      loan_consolidation: { ...body, due_dates: dueDays.map((day) => endOfDay(day, options.timeZone)) },
      request_id: requestIdOf(op),
    }),
  };
}

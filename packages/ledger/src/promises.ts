/**
 * Promise to pay (docs/ledger.md, "Promise to pay"): what a borrower said they would pay, by
 * when. A promise moves no balance. Its state on day C is judged here, once, from the
 * borrower's payments: `kept` as soon as the payments that count reach its amount, `broken`
 * from the day after its due date otherwise, `canceled` from its cancellation's day.
 *
 * Which payments count: the borrower's own payments and payoffs (not automatic uses of the
 * positive balance, not refunds of cancelled loans, not reversed payments) effective from the
 * promise's day through its due date (and not after its cancellation); all of each payment
 * for a promise without a loan, only what the payment applied to the loan for one with a loan.
 */
import type { ApplyResult, CancelPromiseOperation, CreatePromiseOperation, Day, LedgerEvent } from './api.js';
import type { CancelPromiseResult } from './operations/cancel-promise.js';
import type { CreatePromiseResult } from './operations/create-promise.js';
import { dayToNum, numToDay, type DayNum } from './calendar.js';
import type { List } from './cons.js';
import { requestIdOf, sortedBody, type OpContext, type Outcome } from './context.js';
import { ZERO, money, toDec, type Dec } from './decimal.js';
import { closedLoanRefusal, refusal } from './errors.js';
import type { Core, PaymentRecord, PromiseRecord } from './model.js';
import type { BorrowerState } from './state.js';

export const PROMISE_STATES = ['active', 'kept', 'broken', 'canceled'] as const;
export type PromiseState = (typeof PROMISE_STATES)[number];

export interface PromiseJudgement {
  state: PromiseState;
  /** What the payments that count add up to, through day C. */
  paidToward: Dec;
  /** The day the payments that count reached the amount; null when they have not (through C). */
  keptOn: DayNum | null;
  /**
   * The day the promise breaks if nothing more is paid: the day after its due date, while it is
   * neither kept nor cancelled (the close of business of that day reports it); null otherwise.
   */
  breaksOn: DayNum | null;
}

/** What one payment counts toward `p` (0 for a payment that does not count). */
function counted(p: PromiseRecord, payment: PaymentRecord): Dec {
  if (payment.kind !== 'payment' && payment.kind !== 'payoff') return ZERO;
  if (payment.reversedOn !== undefined) return ZERO;
  if (p.loanId === null) return payment.amount;
  let sum = ZERO;
  for (const line of payment.lines) if (line.loanId === p.loanId) sum = sum.plus(line.amount);
  return sum;
}

/**
 * The promise on day `day`, judged from `payments` (a core's list, newest first, in day order).
 * Walks the payments back to the promise's first day only: the cost is the promise's window,
 * not the borrower's history.
 */
export function judgePromise(p: PromiseRecord, payments: List<PaymentRecord>, day: DayNum): PromiseJudgement {
  const canceled = p.canceled !== null && p.canceled.day <= day;
  const last = Math.min(p.due, day, p.canceled?.day ?? Number.POSITIVE_INFINITY);
  const window: PaymentRecord[] = [];
  for (let node = payments; node !== null && node.head.day >= p.from; node = node.tail) {
    if (node.head.day <= last) window.push(node.head);
  }
  let paidToward = ZERO;
  let keptOn: DayNum | null = null;
  for (let i = window.length - 1; i >= 0; i -= 1) {
    paidToward = paidToward.plus(counted(p, window[i]!));
    if (keptOn === null && paidToward.gte(p.amount)) keptOn = window[i]!.day;
  }
  const state: PromiseState = canceled ? 'canceled' : keptOn !== null ? 'kept' : day > p.due ? 'broken' : 'active';
  const open = p.canceled === null && keptOn === null;
  return { state, paidToward, keptOn, breaksOn: open ? p.due + 1 : null };
}

/** A core's promises in creation order. */
export function promisesOf(core: Core): PromiseRecord[] {
  return Object.values(core.promises ?? {}).sort((a, b) => a.seq - b.seq);
}

/** As `get_status` lists a promise (docs/reads.md). */
export interface PromiseStatus {
  id: string;
  loan_id: string | null;
  amount: number;
  due_date: Day;
  state: PromiseState;
  paid_toward: number;
}

export function promiseStatuses(core: Core, day: DayNum): PromiseStatus[] {
  return promisesOf(core).map((p) => {
    const j = judgePromise(p, core.payments, day);
    return { id: p.id, loan_id: p.loanId, amount: money(p.amount), due_date: numToDay(p.due), state: j.state, paid_toward: money(j.paidToward) };
  });
}

// --- the operations ----------------------------------------------------------------------------

export function createPromise(ctx: OpContext<CreatePromiseOperation>): Outcome<CreatePromiseResult> {
  const { d, op } = ctx;
  const promise = op.body.promise;
  const context = { borrower_id: ctx.borrowerId, promise_id: op.promiseId };
  // Contracts refuses both at intake (it knows the effective day too); the ledger keeps its own 400.
  const amount = toDec(promise.amount);
  if (!amount.isFinite() || amount.lte(0)) return refusal('invalid_request', { ...context, fields: { 'promise.amount': 'Must be greater than 0' } });
  let due: DayNum;
  try {
    due = dayToNum(promise.due_date);
  } catch {
    return refusal('invalid_request', { ...context, fields: { 'promise.due_date': 'Must be a calendar date YYYY-MM-DD' } });
  }
  if (due < ctx.day) {
    return refusal('invalid_request', { ...context, fields: { 'promise.due_date': `Must not be before the promise's effective day ${numToDay(ctx.day)}` } });
  }
  if (d.promise(op.promiseId) !== undefined) return refusal('promise_already_exists', context);
  const loanId = promise.loan_id ?? null;
  // A replay never drops a promise made: a back-dated operation that cancelled or removed its
  // loan leaves it in place, to break unless paid (docs/ledger.md "Promise to pay").
  if (loanId !== null && ctx.mode === 'fresh') {
    const loan = d.loan(loanId);
    if (loan === undefined) return refusal('loan_not_found', { ...context, loan_id: loanId });
    const closed = closedLoanRefusal(loan, { ...context, loan_id: loanId });
    if (closed !== null) return closed;
    if (loan.paidOff !== null) return refusal('loan_paid_off', { ...context, loan_id: loanId, paid_off_date: numToDay(loan.paidOff) });
  }
  const record: PromiseRecord = { id: op.promiseId, loanId, amount, from: ctx.day, due, seq: op.seq, canceled: null };
  d.setPromise(record);
  const j = judgePromise(record, d.payments, ctx.day);
  return {
    ok: true,
    body: sortedBody<CreatePromiseResult>({
      effective_date: numToDay(ctx.day),
      id: op.promiseId,
      kordev_id: ctx.kordevId,
      paid_toward: money(j.paidToward),
      promise,
      request_id: requestIdOf(op),
      state: j.state,
    }),
  };
}

export function cancelPromise(ctx: OpContext<CancelPromiseOperation>): Outcome<CancelPromiseResult> {
  const { d, op } = ctx;
  const context = { borrower_id: ctx.borrowerId, promise_id: op.promiseId };
  const existing = d.promise(op.promiseId);
  if (existing === undefined) return refusal('promise_not_found', context);
  const j = judgePromise(existing, d.payments, ctx.day);
  if (j.state !== 'active') return refusal('promise_not_active', { ...context, state: j.state, due_date: numToDay(existing.due) });
  d.setPromise({ ...existing, canceled: { day: ctx.day, seq: op.seq } });
  return {
    ok: true,
    body: sortedBody<CancelPromiseResult>({
      effective_date: numToDay(ctx.day),
      id: op.operationId,
      kordev_id: ctx.kordevId,
      paid_toward: money(j.paidToward),
      promise_cancellation: op.body.promise_cancellation ?? {},
      promise_id: op.promiseId,
      request_id: requestIdOf(op),
      state: 'canceled',
    }),
  };
}

// --- promise_kept: what an operation changed -------------------------------------------------

/**
 * The `promise.kept` events of one applied operation: every promise kept after it that was not
 * before it (new, or not yet kept), judged on all the payments each core holds. Whichever
 * operation makes the difference reports it — usually a payment; also a back-dated payment,
 * or a promise created when same-day payments already cover it. `since`: only promises due on
 * or after it can change (an operation applied in order adds payments on its own day only).
 */
export function promiseKeptEvents(before: Core, after: Core, kordevId: number, since: DayNum | null): LedgerEvent[] {
  const events: LedgerEvent[] = [];
  for (const p of promisesOf(after)) {
    if (p.canceled !== null || (since !== null && p.due < since)) continue;
    const now = judgePromise(p, after.payments, p.due);
    if (now.keptOn === null) continue;
    const prior = before.promises !== undefined && Object.hasOwn(before.promises, p.id) ? before.promises[p.id] : undefined;
    if (prior !== undefined && judgePromise(prior, before.payments, prior.due).keptOn !== null) continue;
    events.push({
      type: 'promise.kept',
      loan_id: p.loanId,
      effective_date: numToDay(now.keptOn),
      payload: { kordev_id: kordevId, promise_id: p.id, amount: money(p.amount), due_date: numToDay(p.due), paid_toward: money(now.paidToward) },
    });
  }
  return events;
}

/** The result with the promises it kept appended to its events (placed as its own: `back_dated`, `replayed_operations`). */
export function withPromiseEvents(result: ApplyResult, before: Core, after: Core, kordevId: number, since: DayNum | null, replayed: number): ApplyResult {
  if (!result.ok || after.promises === undefined) return result;
  const kept = promiseKeptEvents(before, after, kordevId, since);
  if (kept.length === 0) return result;
  const placed = kept.map((e) => ({ ...e, payload: { ...e.payload, back_dated: replayed > 0, replayed_operations: replayed } }));
  return { ...result, events: [...(result.events ?? []), ...placed] };
}

// --- the read model ----------------------------------------------------------------------------

/** A promise as the promises read model stores it (docs/reads.md "Portfolio"); amounts are decimal strings. */
export interface PortfolioPromise {
  borrower_id: string;
  promise_id: string;
  loan_id: string | null;
  amount: string;
  effective_date: Day;
  due_date: Day;
  /** On `as_of`. */
  state: PromiseState;
  paid_toward: string;
  as_of: Day;
  /** The lender day whose close of business reports it broken, unless paid before (null: kept or cancelled). */
  breaks_on: Day | null;
}

/** Every promise of the borrower, judged on all its payments and dated `day`. Never mutates `state`. */
export function portfolioPromisesOf(state: BorrowerState, day: Day): PortfolioPromise[] {
  const n = dayToNum(day);
  const core = state.live;
  return promisesOf(core).map((p) => {
    const on = judgePromise(p, core.payments, n);
    const final = judgePromise(p, core.payments, Math.max(n, p.due));
    return {
      borrower_id: state.borrowerId,
      promise_id: p.id,
      loan_id: p.loanId,
      amount: p.amount.toFixed(),
      effective_date: numToDay(p.from),
      due_date: numToDay(p.due),
      state: on.state,
      paid_toward: on.paidToward.toFixed(),
      as_of: day,
      breaks_on: final.breaksOn === null ? null : numToDay(final.breaksOn),
    };
  });
}

/**
 * Domain events (docs/events.md): what a fresh application of an operation did, built by its
 * handler as part of the pure result. Replays build none: an event describes the operation as
 * it was applied when it was accepted, and stays as written.
 */
import type { LedgerEvent } from './api.js';
import { numToDay } from './calendar.js';
import type { OpContext } from './context.js';

/** One event of the operation in `ctx`, dated its effective day; `kordev_id` is the operation's. */
export function domainEvent<T extends string>(ctx: OpContext, type: T, loanId: string | null, payload: Record<string, unknown>): LedgerEvent<T> {
  return { type, loan_id: loanId, effective_date: numToDay(ctx.day), payload: { kordev_id: ctx.kordevId, ...payload } };
}

/** `{events}` for an outcome on a fresh application; nothing on a replay (the builder is not run). */
export function freshEvents<T extends string>(ctx: OpContext, build: () => Array<LedgerEvent<T>>): { events?: Array<LedgerEvent<T>> } {
  return ctx.mode === 'fresh' ? { events: build() } : {};
}

/**
 * Marks the events of an applied operation with how it was placed in the borrower's timeline:
 * `back_dated` when operations already applied were effective after it (they were replayed,
 * and `replayed_operations` says how many).
 */
export function placeEvents(events: LedgerEvent[], replayed: number): LedgerEvent[] {
  return events.map((e) => ({ ...e, payload: { ...e.payload, back_dated: replayed > 0, replayed_operations: replayed } }));
}

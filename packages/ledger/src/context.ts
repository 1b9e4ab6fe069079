/**
 * What every operation handler receives: the draft to change, the log record being applied
 * (with its kordev_id) and whether this is the operation's first application or a replay.
 */
import type { LedgerEvent, LedgerOptions } from './api.js';
import type { AnyOperation } from './operations/define.js';
import type { DayNum } from './calendar.js';
import type { Draft } from './draft.js';
import type { Refusal } from './errors.js';

export type Mode = 'fresh' | 'replay';

export interface OpContext<Op extends AnyOperation = AnyOperation> {
  d: Draft;
  op: Op;
  day: DayNum;
  kordevId: number;
  mode: Mode;
  options: LedgerOptions;
  borrowerId: string;
}

/**
 * A handler's answer: its 200 body (`Body`, the operation's result type) and the domain events
 * of a fresh application (`Events`, the types it may emit), or a refusal.
 */
export type Outcome<Body extends object, Events extends string = never> =
  | { ok: true; body: Body; clamped?: boolean; /** Domain events of a fresh application (docs/events.md). */ events?: Array<LedgerEvent<Events>> }
  | Refusal;

/**
 * Result bodies list their keys alphabetically, like every seed response example. `T` is the
 * operation's result type, given explicitly (`sortedBody<CreateFeeResult>({...})`): the literal
 * is then checked against it, a missing or unknown field included. The keys are put back in
 * order on the object itself (it is always a fresh literal).
 */
export function sortedBody<T extends object>(body: NoInfer<T>): T {
  const entries = Object.entries(body).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [key] of entries) Reflect.deleteProperty(body, key);
  for (const [key, value] of entries) Reflect.set(body, key, value);
  return body;
}

export function requestIdOf(op: AnyOperation): string | null {
  const fromBody = op.body.request_id;
  if (typeof fromBody === 'string') return fromBody;
  return op.requestId ?? null;
}

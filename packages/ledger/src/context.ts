/**
 * What every operation handler receives: the draft to change, the log record being applied
 * (with its kordev_id) and whether this is the operation's first application or a replay.
 */
import type { ApplyBody, LedgerEvent, LedgerOptions } from './api.js';
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

export type Outcome<Body extends ApplyBody = ApplyBody> =
  | { ok: true; body: Body; clamped?: boolean; /** Domain events of a fresh application (docs/events.md). */ events?: LedgerEvent[] }
  | Refusal;

/** Result bodies list their keys alphabetically, like every seed response example. */
export function sortedBody(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(body).sort()) out[key] = body[key];
  return out;
}

export function requestIdOf(op: AnyOperation): string | null {
  const fromBody = op.body.request_id;
  if (typeof fromBody === 'string') return fromBody;
  return op.requestId ?? null;
}

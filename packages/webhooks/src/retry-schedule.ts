/**
 * When a failed delivery is attempted again (docs/webhooks.md, "Retries"): after each failed
 * attempt, the next delay of the schedule, spread by ± `jitter` so receivers that fail together
 * are not hit again together. Past the last delay the delivery has failed for good.
 */
export const DEFAULT_RETRY_SCHEDULE = '5s,5m,30m,2h,5h,10h,10h';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `5s,5m,30m,2h` → delays in ms. Throws naming the bad item. */
export function parseDurations(text: string): number[] {
  return text.split(',').map((item) => parseDuration(item.trim()));
}

/** `500ms`, `5s`, `2h`, `5d` → ms. */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(text);
  if (!match) throw new Error(`"${text}" is not a duration like 500ms, 5s, 5m, 2h or 5d`);
  return Math.round(Number(match[1]) * UNIT_MS[match[2]!]!);
}

/**
 * The time of the next attempt after `attemptsMade` attempts failed, or undefined when the
 * schedule is exhausted. `random` is in [0, 1).
 */
export function nextAttemptAt(now: Date, attemptsMade: number, schedule: number[], jitter: number, random: number = Math.random()): Date | undefined {
  const delay = schedule[attemptsMade - 1];
  if (delay === undefined) return undefined;
  const spread = delay * jitter * (2 * random - 1);
  return new Date(now.getTime() + Math.max(0, Math.round(delay + spread)));
}

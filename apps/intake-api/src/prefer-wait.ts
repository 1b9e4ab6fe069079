import type { Request } from 'express';

export const MAX_WAIT_SECONDS = 30;

/** `Prefer: wait=N` (RFC 7240), capped at 30 s; undefined when absent or unparsable. */
export function preferredWaitMs(req: Request): number | undefined {
  const header = req.header('prefer');
  if (!header) return undefined;
  for (const part of header.split(/[,;]/)) {
    const m = /^\s*wait\s*=\s*"?(\d+(?:\.\d+)?)"?\s*$/i.exec(part);
    if (m) return Math.min(Number(m[1]), MAX_WAIT_SECONDS) * 1000;
  }
  return undefined;
}

/** Polls `check` with a growing interval until it returns a value or the time is up. */
export async function pollUntil<T>(check: () => Promise<T | undefined>, timeoutMs: number): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  let interval = 10;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    const left = deadline - Date.now();
    if (left <= 0) return undefined;
    await new Promise((resolve) => setTimeout(resolve, Math.min(interval, left)));
    interval = Math.min(interval * 2, 200);
  }
}

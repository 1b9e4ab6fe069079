// A closed-loop client pool: `clients` requests in flight, each borrower's requests one after
// another (its round k+1 only after its round k was accepted), borrowers interleaved.
import type { Api, ApiResponse } from '../test/helpers.js';
import type { Request } from './workload.js';

/** Tries of one request whose kept-alive connection the server closed under it. */
const DROPPED_CONNECTION_TRIES = 5;

/**
 * A kept-alive connection the server closes as the client reuses it ("other side closed",
 * `ECONNRESET`: the server's keep-alive timeout racing the client's next request) fails the
 * request before any answer; it is sent again on a fresh connection. Safe for every operation
 * route: a resubmission with the same body is a replay of the first (the natural key,
 * docs/api.md), so an operation that had been accepted is not accepted twice.
 */
export async function postRetryingDroppedConnection(api: Api, path: string, body: unknown): Promise<ApiResponse> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await api.post(path, body);
    } catch (error) {
      if (attempt >= DROPPED_CONNECTION_TRIES || !isDroppedConnection(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * attempt));
    }
  }
}

function isDroppedConnection(error: unknown): boolean {
  for (let e = error as { message?: unknown; code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (e.code === 'ECONNRESET' || e.code === 'UND_ERR_SOCKET' || e.code === 'EPIPE') return true;
    if (typeof e.message === 'string' && /other side closed|socket hang up/i.test(e.message)) return true;
  }
  return false;
}

export interface ClosedLoopResult {
  accepted: number;
  latenciesMs: number[];
  durationMs: number;
}

export async function closedLoop(api: Api, rounds: Request[][], clients: number): Promise<ClosedLoopResult> {
  const queue = rounds.flat();
  const inFlight = new Set<string>();
  const waiting: Request[] = [];
  const latenciesMs: number[] = [];
  let next = 0;
  let accepted = 0;
  const started = performance.now();
  const take = (): Request | undefined => {
    const i = waiting.findIndex((r) => !inFlight.has(r.borrowerId));
    if (i >= 0) return waiting.splice(i, 1)[0];
    while (next < queue.length) {
      const r = queue[next++]!;
      if (!inFlight.has(r.borrowerId)) return r;
      waiting.push(r);
    }
    return undefined;
  };
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (;;) {
        const r = take();
        if (!r) {
          if (next >= queue.length && waiting.length === 0) return;
          await new Promise((resolve) => setTimeout(resolve, 1));
          continue;
        }
        inFlight.add(r.borrowerId);
        const t0 = performance.now();
        const res = await postRetryingDroppedConnection(api, r.path, r.body);
        latenciesMs.push(performance.now() - t0);
        inFlight.delete(r.borrowerId);
        if (res.status !== 202 && res.status !== 200) throw new Error(`${r.path}: ${res.status} ${JSON.stringify(res.body)}`);
        accepted++;
      }
    }),
  );
  return { accepted, latenciesMs, durationMs: performance.now() - started };
}

// A closed-loop client pool: `clients` requests in flight, each borrower's requests one after
// another (its round k+1 only after its round k was accepted), borrowers interleaved.
import type { Api } from '../test/helpers.js';
import type { Request } from './workload.js';

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
        const res = await api.post(r.path, r.body);
        latenciesMs.push(performance.now() - t0);
        inFlight.delete(r.borrowerId);
        if (res.status !== 202 && res.status !== 200) throw new Error(`${r.path}: ${res.status} ${JSON.stringify(res.body)}`);
        accepted++;
      }
    }),
  );
  return { accepted, latenciesMs, durationMs: performance.now() - started };
}

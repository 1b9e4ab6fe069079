import { Gauge } from 'prom-client';
import { registry } from './metrics.js';

/** What the gauge needs of a queue: a BullMQ `Queue` is one. */
export interface CountableQueue {
  name: string;
  getJobCounts(...states: string[]): Promise<Record<string, number>>;
}

export const QUEUE_STATES = ['waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed'] as const;

const tracked = new Set<CountableQueue>();
/** A scrape answers even when Redis does not: a queue that does not count in time is left out. */
const COUNT_TIMEOUT_MS = 2_000;

export const queueJobs = new Gauge({
  name: 'lsl_queue_jobs',
  help: 'Jobs in each monitored queue, by state (read from the queue backend on scrape)',
  labelNames: ['queue', 'state'] as const,
  registers: [registry],
  async collect() {
    this.reset();
    await Promise.all(
      [...tracked].map(async (queue) => {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), COUNT_TIMEOUT_MS)));
        const counts = await Promise.race([queue.getJobCounts(...QUEUE_STATES).catch(() => undefined), timeout]);
        clearTimeout(timer);
        for (const [state, n] of Object.entries(counts ?? {})) this.set({ queue: queue.name, state }, n);
      }),
    );
  },
});

/** Adds queues to `lsl_queue_jobs`; returns the function that removes them (call it before closing them). */
export function trackQueueDepth(queues: CountableQueue[]): () => void {
  for (const q of queues) tracked.add(q);
  return () => {
    for (const q of queues) tracked.delete(q);
  };
}

import { z } from 'zod';
import type { JobsOptions } from 'bullmq';

/**
 * Every job this system enqueues, declared once: its payload schema (checked when enqueued
 * and again when processed) and its retry policy.
 */
export const jobCatalog = {
  'borrower.apply': {
    schema: z.object({ borrowerId: z.string().min(1), operationId: z.string().uuid() }),
    options: {
      // Only transient faults throw (a refusal is a stored result), so retry until they pass:
      // giving up would strand the operation. The backoff is capped (see `cappedBackoff`).
      attempts: 1_000_000,
      backoff: { type: 'capped' },
      removeOnComplete: { age: 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    } satisfies JobsOptions,
  },
  'webhook.deliver': {
    // One attempt of one webhook delivery (packages/webhooks). The retry schedule lives in
    // Postgres (the delivery's next_attempt_at), not here: BullMQ only retries a job whose
    // processor threw (a database fault), briefly; the webhook dispatcher re-adds anything lost.
    schema: z.object({ deliveryId: z.string().uuid() }),
    options: {
      attempts: 5,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: true,
      removeOnFail: true,
    } satisfies JobsOptions,
  },
  'close-of-business.run': {
    // One close of business (docs/guarantees.md "Close of business"): every lender day not yet
    // closed, up to today, in order. Idempotent, so retried until it passes.
    schema: z.object({}),
    options: {
      attempts: 1_000_000,
      backoff: { type: 'capped' },
      removeOnComplete: { age: 7 * 24 * 3600, count: 1_000 },
      removeOnFail: { age: 30 * 24 * 3600 },
    } satisfies JobsOptions,
  },
} as const;

export type JobName = keyof typeof jobCatalog;
export type JobPayload<N extends JobName> = z.infer<(typeof jobCatalog)[N]['schema']>;

/** Exponential from 200 ms, capped at 10 s: a transient fault delays work by seconds, not hours. */
export function cappedBackoff(attemptsMade: number): number {
  return Math.min(10_000, 200 * 2 ** Math.max(0, attemptsMade - 1));
}

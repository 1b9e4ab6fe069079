import { DEFAULT_RETRY_SCHEDULE, parseDurations } from './retry-schedule.js';
import type { HostPolicy } from './resolve-host.js';

/** How deliveries are made; every field has the production default of docs/webhooks.md. */
export interface DeliveryPolicy extends HostPolicy {
  /** One attempt's deadline (connect, request, response). */
  timeoutMs: number;
  /** Delays between attempts; the delivery has failed after the last. */
  retryScheduleMs: number[];
  /** Each delay is spread by ± this fraction. */
  jitter: number;
  /** A subscription whose every attempt failed for this long is disabled. */
  disableAfterMs: number;
  /** Response body read at most. */
  maxResponseBytes: number;
  /** Response body kept in the delivery log. */
  excerptChars: number;
}

export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = {
  allowPrivate: false,
  timeoutMs: 15_000,
  retryScheduleMs: parseDurations(DEFAULT_RETRY_SCHEDULE),
  jitter: 0.1,
  disableAfterMs: 5 * 24 * 3_600_000,
  maxResponseBytes: 16 * 1024,
  excerptChars: 1024,
};

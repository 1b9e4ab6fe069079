import { z } from 'zod';
import { envBoolean } from '@lsl/contracts';
import { DEFAULT_DELIVERY_POLICY, type DeliveryPolicy } from './delivery-policy.js';
import { DEFAULT_RETRY_SCHEDULE, parseDuration, parseDurations } from './retry-schedule.js';

/** A variable read by `parse`; what `parse` throws becomes the variable's issue (its message). */
const parsedWith = <T>(parse: (text: string) => T) =>
  z.string().transform((text, ctx) => {
    try {
      return parse(text);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  });

const durations = parsedWith(parseDurations);
const duration = parsedWith(parseDuration);

/**
 * The webhook variables, for each app's env.ts to merge into its own schema next to the shared
 * ones of @lsl/telemetry's env.ts (README, "Configuration").
 */
export const webhookEnvShape = {
  /** Development only: subscriptions may name loopback and private hosts. */
  WEBHOOKS_ALLOW_PRIVATE: envBoolean.default(false),
  /** Deliveries in flight at once in this process; 0: this process sends none. */
  WEBHOOKS_CONCURRENCY: z.coerce.number().int().min(0).max(256).default(8),
  WEBHOOKS_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(DEFAULT_DELIVERY_POLICY.timeoutMs),
  WEBHOOKS_RETRY_SCHEDULE: durations.prefault(DEFAULT_RETRY_SCHEDULE),
  WEBHOOKS_DISABLE_AFTER: duration.prefault('5d'),
  WEBHOOKS_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  /** `host:port,...`: ask these DNS servers instead of the system's resolver. */
  WEBHOOKS_DNS_SERVERS: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined)),
};

type WebhookEnv = { [K in keyof typeof webhookEnvShape]: z.infer<(typeof webhookEnvShape)[K]> };

/** The delivery policy those variables describe. */
export function deliveryPolicyOf(env: WebhookEnv): DeliveryPolicy {
  return {
    ...DEFAULT_DELIVERY_POLICY,
    allowPrivate: env.WEBHOOKS_ALLOW_PRIVATE,
    dnsServers: env.WEBHOOKS_DNS_SERVERS,
    timeoutMs: env.WEBHOOKS_TIMEOUT_MS,
    retryScheduleMs: env.WEBHOOKS_RETRY_SCHEDULE,
    disableAfterMs: env.WEBHOOKS_DISABLE_AFTER,
  };
}

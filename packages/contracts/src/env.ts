import { z } from 'zod';

/**
 * The configuration a process reads from its environment, parsed one way (README,
 * "Configuration"): each app's `src/env.ts` builds its schema from these pieces (and the queue's
 * and webhooks' shapes, `queueEnvShape` in @lsl/queue, `webhookEnvShape` in @lsl/webhooks) and
 * parses it once, at start-up, with `parseEnv`. Packages take options objects and read no
 * environment.
 */

/** `true`/`false`, `1`/`0`, `yes`/`no`; anything else is refused, naming the variable. */
export const envBoolean = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The settings of every process that uses the ledger or logs. */
export const commonEnvShape = {
  /** The lender's IANA zone: the ledger's days are days in it. */
  LEDGER_TIMEZONE: z.string().default('America/Bogota').refine(isTimeZone, 'must be an IANA time zone, e.g. America/Bogota'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
};

/** Parses `env` with `schema`; a bad variable stops the process with its name and why. */
export function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): z.output<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${problems}`);
  }
  return parsed.data;
}

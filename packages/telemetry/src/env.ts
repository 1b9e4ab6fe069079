import { z } from 'zod';

/**
 * The variables every process reads, parsed one way (README, "Configuration"): each
 * app's `src/env.ts` builds its schema from these pieces and parses it once, at start-up, with
 * `parseEnv`. Packages take options objects and read no environment.
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

export interface QueueEnvDefaults {
  partitions: number;
  prefix: string;
}

/** Where the queues live and how they are cut: the same variables for the server and a worker. */
export function queueEnvShape(defaults: QueueEnvDefaults) {
  return {
    /** Unset (or empty): the queues live in Postgres, in the ledger's database (see @lsl/queue). */
    REDIS_URL: z.string().optional().transform((v) => v || undefined),
    /** Connections of the Postgres queue pool (when REDIS_URL is unset). */
    QUEUE_POOL_SIZE: z.coerce.number().int().min(1).default(5),
    QUEUE_PARTITIONS: z.coerce.number().int().min(1).max(1024).default(defaults.partitions),
    QUEUE_PREFIX: z.string().min(1).default(defaults.prefix),
    /** On SIGTERM, how long running jobs may take to finish before they are handed back. */
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(20_000),
  };
}

/** Parses `env` with `schema`; a bad variable stops the process with its name and why. */
export function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): z.output<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${problems}`);
  }
  return parsed.data;
}

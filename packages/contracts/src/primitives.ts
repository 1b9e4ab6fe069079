import { z } from 'zod';

/**
 * Zod error customiser: a missing field says "Required", a wrong type says what was expected,
 * and any other failure gets `otherwise` (or zod's own wording).
 */
export function expected(what: string, otherwise?: string) {
  return (issue: { code?: string; input?: unknown }): string | undefined => {
    if (issue.input === undefined) return `Required (expected ${what})`;
    if (issue.code === 'invalid_type') return `Must be ${what}`;
    return otherwise;
  };
}

export const DATE_TIME_MESSAGE =
  'Must be one ISO 8601 date-time with seconds and a UTC offset, e.g. 2020-02-01T23:59:59.999999-05:00';

/** RFC 3339 date-time with seconds and an offset (`Z` or `±hh:mm`); fractional digits allowed. */
export const dateTimeSchema = z.iso.datetime({ offset: true, error: expected('a date-time string', DATE_TIME_MESSAGE) });

export const ID_PATTERN = /^[A-Za-z0-9._:-]+$/;
export const ID_MAX_LENGTH = 128;

/** Lender ids in paths (and transfer items): 1..128 of `[A-Za-z0-9._:-]`. */
export const idSchema = z
  .string({ error: expected('a string') })
  .min(1, { error: 'Must not be empty' })
  .max(ID_MAX_LENGTH, { error: `Must be at most ${ID_MAX_LENGTH} characters` })
  .regex(ID_PATTERN, { error: 'Must contain only letters, digits and . _ : -' });

/** A money amount in currency units. */
export const amountSchema = z.number({ error: expected('a number') }).min(0, { error: 'Must be at least 0' });

/** An effective annual rate as a fraction (0.3848 is 38.48 % EA). */
export const rateSchema = z.number({ error: expected('a number') }).min(0, { error: 'Must be at least 0' });

export const percentageSchema = z
  .number({ error: 'Must be a number' })
  .min(0, { error: 'Must be at least 0' })
  .max(1, { error: 'Must be at most 1' });

export const configIdSchema = z.string({ error: expected('a string') }).min(1, { error: 'Must not be empty' });

/** Echoed unmodified in every response (seeds); absent is allowed. */
export const requestIdSchema = z.string({ error: expected('a string') }).nullable().optional();

export const occurredOnSchema = dateTimeSchema.optional();

export const dueDatesSchema = z
  .array(dateTimeSchema, { error: 'Must be an array of date-times' })
  .min(1, { error: 'Must have at least 1 due date' });

/**
 * `?is_migration=` as a boolean: true/false in any case, or 1/0; absent is false. Express
 * gives strings (or arrays for repeated keys, which are refused).
 */
export const isMigrationSchema = z
  .union([z.boolean(), z.string()])
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || typeof value === 'boolean') return value ?? false;
    const v = value.trim().toLowerCase();
    if (v === 'true' || v === '1') return true;
    if (v === 'false' || v === '0' || v === '') return false;
    ctx.addIssue({ code: 'custom', message: 'Must be true or false', input: value });
    return z.NEVER;
  });

export const operationQuerySchema = z.object({ is_migration: isMigrationSchema });
export type OperationQuery = z.output<typeof operationQuerySchema>;

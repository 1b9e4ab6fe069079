import { z } from 'zod';
import { toScaled } from './decimal.js';

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

/**
 * The bounds of what the ledger holds (docs/security.md): a value outside them is a 400
 * at intake, never an operation accepted and then unreadable.
 */
export const BOUNDS = {
  /** Largest amount, in currency units (10^13). */
  maxAmount: 10_000_000_000_000,
  /** Decimals an amount may have (cents). */
  amountDecimals: 2,
  /** Largest effective annual rate, as a fraction (100 = 10 000 % EA). */
  maxRate: 100,
  /** Years a date may fall in, both included. */
  firstYear: 1900,
  lastYear: 2200,
  maxDueDates: 600,
} as const;

/** The year as written (the calendar a lender means), for the 1900–2200 bound. */
function yearOf(value: string): number {
  return Number(value.slice(0, 4));
}

const YEARS_MESSAGE = `Must be a date from ${BOUNDS.firstYear} to ${BOUNDS.lastYear}`;

/** RFC 3339 date-time with seconds and an offset (`Z` or `±hh:mm`); fractional digits allowed; years 1900–2200. */
export const dateTimeSchema = z.iso
  .datetime({ offset: true, error: expected('a date-time string', DATE_TIME_MESSAGE) })
  .refine((v) => yearOf(v) >= BOUNDS.firstYear && yearOf(v) <= BOUNDS.lastYear, { error: YEARS_MESSAGE });

/** A calendar day `YYYY-MM-DD` (a real one), years 1900–2200: read parameters such as `calculation_date`. */
export const daySchema = z.iso
  .date({ error: 'Must be a calendar date YYYY-MM-DD' })
  .refine((v) => yearOf(v) >= BOUNDS.firstYear && yearOf(v) <= BOUNDS.lastYear, { error: YEARS_MESSAGE });

export const ID_PATTERN = /^[A-Za-z0-9._:-]+$/;
export const ID_MAX_LENGTH = 128;

/** Lender ids in paths (and transfer items): 1..128 of `[A-Za-z0-9._:-]`. */
export const idSchema = z
  .string({ error: expected('a string') })
  .min(1, { error: 'Must not be empty' })
  .max(ID_MAX_LENGTH, { error: `Must be at most ${ID_MAX_LENGTH} characters` })
  .regex(ID_PATTERN, { error: 'Must contain only letters, digits and . _ : -' });

/** At most `BOUNDS.amountDecimals` decimals, exactly (on the number's shortest decimal form, as written). */
export function hasCents(value: number): boolean {
  try {
    const { units, scale } = toScaled(value);
    let s = scale;
    let u = units;
    while (s > 0 && u % 10n === 0n) {
      u /= 10n;
      s -= 1;
    }
    return s <= BOUNDS.amountDecimals;
  } catch {
    return false;
  }
}

/** A money amount in currency units: 0 to 10^13, at most 2 decimals. */
export const amountSchema = z
  .number({ error: expected('a number') })
  .min(0, { error: 'Must be at least 0' })
  .max(BOUNDS.maxAmount, { error: `Must be at most ${BOUNDS.maxAmount} (10^13)` })
  .refine(hasCents, { error: `Must have at most ${BOUNDS.amountDecimals} decimals` })
  .meta({ multipleOf: 0.01 });

/** An effective annual rate as a fraction (0.3848 is 38.48 % EA), at most 100 (10 000 % EA). */
export const rateSchema = z
  .number({ error: expected('a number') })
  .min(0, { error: 'Must be at least 0' })
  .max(BOUNDS.maxRate, { error: `Must be at most ${BOUNDS.maxRate} (10 000 % EA)` });

export const percentageSchema = z
  .number({ error: 'Must be a number' })
  .min(0, { error: 'Must be at least 0' })
  .max(1, { error: 'Must be at most 1' });

/** What a payment beyond the current installment does (docs/ledger.md, "Prepayment"). */
export const prepaymentEffectSchema = z
  .enum(['pay_ahead', 'reduce_term', 'reduce_installment'], { error: expected('one of pay_ahead, reduce_term, reduce_installment') })
  .meta({ id: 'PrepaymentEffect' });

export const configIdSchema = z
  .string({ error: expected('a string') })
  .min(1, { error: 'Must not be empty' })
  .max(ID_MAX_LENGTH, { error: `Must be at most ${ID_MAX_LENGTH} characters` });

/** Other names a lender gives (owners, providers): any string up to the id bound. */
export const nameSchema = z.string({ error: expected('a string') }).max(ID_MAX_LENGTH, { error: `Must be at most ${ID_MAX_LENGTH} characters` });

/** Echoed unmodified in every response (seeds); absent is allowed; at most 128 characters. */
export const requestIdSchema = z
  .string({ error: expected('a string') })
  .max(ID_MAX_LENGTH, { error: `Must be at most ${ID_MAX_LENGTH} characters` })
  .nullable()
  .optional();

export const occurredOnSchema = dateTimeSchema.optional();

export const dueDatesSchema = z
  .array(dateTimeSchema, { error: 'Must be an array of date-times' })
  .min(1, { error: 'Must have at least 1 due date' })
  .max(BOUNDS.maxDueDates, { error: `Must have at most ${BOUNDS.maxDueDates} due dates` });

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

/**
 * The object of a correction or cancellation body that says only why (`{"reason"?}`, extra
 * fields kept as sent), named `id` in the OpenAPI document.
 */
export const reasonOnlySchema = (id: string) =>
  z.looseObject({ reason: z.string({ error: expected('a string') }).nullable().optional() }).meta({ id });

import { z } from 'zod';
import { BUCKET_TYPES, bucketTypeSchema, waiverScopeSchema, waiverTypeSchema, type BucketType } from './buckets.js';
import { DEFAULT_CONFIG_ID, type ConfigKind } from './config-kinds.js';
import { checkWaiverAmount } from './operations/create-waiver.js';
import { amountSchema, expected, percentageSchema, prepaymentEffectSchema, rateSchema } from './primitives.js';
import { fromZodError } from './zod-error.js';
import type { AppError } from './errors.js';
import { DAY_COUNTS, DEFAULT_DELINQUENCY_BUCKETS, INTEREST_METHODS, RATE_TYPES, ROUNDINGS, type ConfigsByKind } from '@lsl/ledger';

/**
 * Config bodies of `PUT /v1/configs/{kind}/{config_id}` (docs/reads.md): the ledger's
 * `LoanConfig`, `PaymentConfig`, `WaiverConfig`, `ConsolidationConfig` and `RestructuringConfig`
 * (declared once, in packages/ledger/src/api.ts) without `id` and `version`, which the store
 * assigns. Omitted fields take the DEFAULT's value. `CONFIG_SCHEMAS` below is checked at compile
 * time to output exactly these shapes.
 */

export const delinquencyBucketSchema = z
  .object({
    code: z.string({ error: expected('a string') }).min(1, { error: 'Must not be empty' }).max(64, { error: 'Must be at most 64 characters' }),
    min_days: z.number({ error: expected('an integer') }).int({ error: 'Must be an integer' }).min(0, { error: 'Must be at least 0' }).max(36500, { error: 'Must be at most 36500' }),
    max_days: z.number({ error: expected('an integer or null') }).int({ error: 'Must be an integer' }).min(0, { error: 'Must be at least 0' }).max(36500, { error: 'Must be at most 36500' }).nullable(),
  })
  .meta({ id: 'DelinquencyBucket' });

/**
 * docs/ledger.md "Delinquency": the buckets in order, each starting the day after the previous
 * one ends (contiguous, non-overlapping), the first at 0 days, only the last open-ended
 * (`max_days: null`), codes unique.
 */
export const delinquencyBucketsSchema = z
  .array(delinquencyBucketSchema, { error: expected('an array of delinquency buckets') })
  .min(1, { error: 'Must list at least one bucket' })
  .max(50, { error: 'Must list at most 50 buckets' })
  .superRefine((buckets, ctx) => {
    const codes = new Set<string>();
    buckets.forEach((bucket, index) => {
      const issue = (path: Array<string | number>, message: string) => ctx.addIssue({ code: 'custom', path, message, input: bucket });
      if (codes.has(bucket.code)) issue([index, 'code'], `Repeats ${bucket.code}`);
      codes.add(bucket.code);
      const previous = buckets[index - 1];
      if (previous === undefined) {
        if (bucket.min_days !== 0) issue([index, 'min_days'], 'The first bucket must start at 0 days');
      } else if (previous.max_days !== null && bucket.min_days !== previous.max_days + 1) {
        issue([index, 'min_days'], `Must be ${previous.max_days + 1}, the day after the previous bucket ends (buckets are contiguous and do not overlap)`);
      }
      if (bucket.max_days !== null && bucket.max_days < bucket.min_days) issue([index, 'max_days'], 'Must be at least min_days');
      const last = index === buckets.length - 1;
      if (last && bucket.max_days !== null) issue([index, 'max_days'], 'The last bucket must be open-ended (null)');
      if (!last && bucket.max_days === null) issue([index, 'max_days'], 'Only the last bucket may be open-ended (null)');
    });
  });


export const loanConfigSchema = z
  .object({
    usury_rate: rateSchema.nullable().default(null),
    usury_behavior: z.enum(['cap', 'reject'], { error: expected('one of cap, reject') }).default('cap'),
    daily_fee_max_charge: amountSchema.nullable().default(null),
    late_fee_amount: amountSchema.nullable().default(null),
    late_fee_grace_days: z
      .number({ error: expected('an integer') })
      .int({ error: 'Must be an integer' })
      .min(0, { error: 'Must be at least 0' })
      .max(3650, { error: 'Must be at most 3650 (ten years)' })
      .default(0),
    // The interest conventions (docs/ledger.md, "Interest conventions"): optional, so a config
    // stored before them, or one that leaves them out, keeps the ledger's original rules.
    rate_type: z.enum(RATE_TYPES, { error: expected(`one of ${RATE_TYPES.join(', ')}`) }).optional().meta({
      description: 'How `interest_rate`, `delinquency_interest_rate` and `usury_rate` are read. `effective_annual` (absent): the period rate is (1+rate)^yf − 1. `nominal_annual`: rate · yf, and delinquency interest is simple (principal · rate · yf of each day).',
    }),
    day_count: z.enum(DAY_COUNTS, { error: expected(`one of ${DAY_COUNTS.join(', ')}`) }).optional().meta({
      description: 'The year fraction yf of a run of days, exact. `actual/365` (absent), `actual/360`, `actual/364`: actual days over 365, 360, 364. `actual/actual`: each day counts 1/(length of its year). `30/360`: US bond basis, (360·ΔY + 30·ΔM + d2 − d1)/360 with d1 = min(d1, 30) and d2 = 30 when d2 = 31 and d1 ≥ 30.',
    }),
    interest_method: z.enum(INTEREST_METHODS, { error: expected(`one of ${INTEREST_METHODS.join(', ')}`) }).optional().meta({
      description: '`declining_balance` (absent): equal installments, interest on the balance left. `flat`: interest rounded(P · r_i) on the original principal each period, principal rounded(P/n) (the last takes the rest); the installment varies with the period and `fixed_installment_amount` is the first one.',
    }),
    rounding: z.enum(ROUNDINGS, { error: expected(`one of ${ROUNDINGS.join(', ')}`) }).optional().meta({
      description: 'How every rounded money figure of the loan (installment, interest, fee shares, flat principal, accrued delinquency interest, percentage waivers) is rounded to cents: `half_up` (absent) or `half_even` (a half cent goes to the even cent).',
    }),
    delinquency_buckets: delinquencyBucketsSchema.default(() => DEFAULT_DELINQUENCY_BUCKETS.map((b) => ({ ...b }))),
  })
  .meta({ id: 'LoanConfig' });

export const paymentConfigSchema = z
  .object({
    allocation_order: z
      .array(bucketTypeSchema, { error: expected('an array of bucket types') })
      .default([...BUCKET_TYPES])
      .superRefine((order, ctx) => {
        const seen = new Set<string>();
        order.forEach((bucket, index) => {
          if (seen.has(bucket)) ctx.addIssue({ code: 'custom', path: [index], message: `Repeats ${bucket}`, input: bucket });
          seen.add(bucket);
        });
        const missing = BUCKET_TYPES.filter((b) => !seen.has(b));
        if (missing.length > 0) {
          ctx.addIssue({ code: 'custom', message: `Must list each of the 7 bucket types exactly once; missing ${missing.join(', ')}`, input: order });
        }
      }),
    prepayment_effect: prepaymentEffectSchema.default('pay_ahead'),
  })
  .meta({ id: 'PaymentConfig' });

/** Reserved for future rules; any object is accepted and kept. */
export const waiverConfigSchema = z.looseObject({}).meta({ id: 'WaiverConfig' });

export const consolidationWaiverSchema = z
  .object({
    bucket: waiverScopeSchema,
    type: waiverTypeSchema,
    amount: amountSchema.nullable().optional(),
    percentage: percentageSchema.nullable().optional(),
  })
  .superRefine(checkWaiverAmount)
  .meta({ id: 'ConsolidationWaiver' });

export const consolidationConfigSchema = z
  .object({
    waivers: z.array(consolidationWaiverSchema, { error: expected('an array of waivers') }).default([]),
    carried_buckets: z
      .array(bucketTypeSchema, { error: expected('an array of bucket types') })
      .default([...BUCKET_TYPES])
      .superRefine((buckets, ctx) => {
        const seen = new Set<string>();
        buckets.forEach((bucket, index) => {
          if (seen.has(bucket)) ctx.addIssue({ code: 'custom', path: [index], message: `Repeats ${bucket}`, input: bucket });
          seen.add(bucket);
        });
      }),
  })
  .meta({ id: 'ConsolidationConfig' });

/** docs/ledger.md "Restructuring": the consolidation rules (waivers, carried buckets) for one loan. */
export const restructuringConfigSchema = consolidationConfigSchema.meta({ id: 'RestructuringConfig' });

/** The body of a config of each kind: the ledger's config without `id` and `version`. */
export type ConfigBodies = { [K in ConfigKind]: Omit<ConfigsByKind[K], 'id' | 'version'> };
export type LoanConfigBody = ConfigBodies['loans'];
export type PaymentConfigBody = ConfigBodies['payments'];
export type WaiverConfigBody = ConfigBodies['waivers'];
export type ConsolidationConfigBody = ConfigBodies['consolidations'];

export const CONFIG_SCHEMAS = {
  loans: loanConfigSchema,
  payments: paymentConfigSchema,
  waivers: waiverConfigSchema,
  consolidations: consolidationConfigSchema,
  restructurings: restructuringConfigSchema,
} as const satisfies { [K in ConfigKind]: z.ZodType<ConfigBodies[K]> };

/** What a fresh install has under `DEFAULT` for each kind (docs/ledger.md, docs/reads.md "Configs"). */
export const DEFAULT_CONFIGS: { readonly [K in ConfigKind]: ConfigBodies[K] } = {
  loans: { usury_rate: null, usury_behavior: 'cap', daily_fee_max_charge: null, late_fee_amount: null, late_fee_grace_days: 0, delinquency_buckets: DEFAULT_DELINQUENCY_BUCKETS.map((b) => ({ ...b })) },
  payments: { allocation_order: [...BUCKET_TYPES], prepayment_effect: 'pay_ahead' },
  waivers: {},
  consolidations: { waivers: [], carried_buckets: [...BUCKET_TYPES] },
  restructurings: { waivers: [], carried_buckets: [...BUCKET_TYPES] },
};

export { DEFAULT_CONFIG_ID };

type ParsedConfig<T> = { ok: true; value: T } | { ok: false; error: AppError };

function parserOf<T>(schema: z.ZodType<T>): (body: unknown) => ParsedConfig<T> {
  return (body) => {
    const result = schema.safeParse(body);
    return result.success ? { ok: true, value: result.data } : { ok: false, error: fromZodError(result.error) };
  };
}

/** Each kind's parser, typed by the mapped type: what makes `parseConfigBody` typed without a cast. */
const CONFIG_PARSERS: { [K in ConfigKind]: (body: unknown) => ParsedConfig<ConfigBodies[K]> } = {
  loans: parserOf(loanConfigSchema),
  payments: parserOf(paymentConfigSchema),
  waivers: parserOf(waiverConfigSchema),
  consolidations: parserOf(consolidationConfigSchema),
  restructurings: parserOf(restructuringConfigSchema),
};

/** Validates a config body for its kind; a bad one is the 400 naming its fields. */
export function parseConfigBody<K extends ConfigKind>(
  kind: K,
  body: unknown,
): { ok: true; value: ConfigBodies[K] } | { ok: false; error: AppError } {
  const parse: (body: unknown) => ParsedConfig<ConfigBodies[K]> = CONFIG_PARSERS[kind];
  return parse(body);
}

/** `GET /v1/configs/{kind}/{config_id}`: the body as stored, with its id and version. */
const stored = {
  id: z.string(),
  version: z.number().int().min(1).meta({ description: 'Starts at 1; a PUT on a config in use makes a new version' }),
  created_at: z.string().meta({ format: 'date-time', description: 'When this version was stored' }),
};
export const loanConfigResponseSchema = loanConfigSchema.extend(stored).meta({ id: 'LoanConfigResponse' });
export const paymentConfigResponseSchema = paymentConfigSchema.extend(stored).meta({ id: 'PaymentConfigResponse' });
export const waiverConfigResponseSchema = waiverConfigSchema.extend(stored).meta({ id: 'WaiverConfigResponse' });
export const consolidationConfigResponseSchema = consolidationConfigSchema.extend(stored).meta({ id: 'ConsolidationConfigResponse' });
export const restructuringConfigResponseSchema = consolidationConfigSchema.extend(stored).meta({ id: 'RestructuringConfigResponse' });

export const CONFIG_RESPONSE_SCHEMAS = {
  loans: loanConfigResponseSchema,
  payments: paymentConfigResponseSchema,
  waivers: waiverConfigResponseSchema,
  consolidations: consolidationConfigResponseSchema,
  restructurings: restructuringConfigResponseSchema,
} as const satisfies Record<ConfigKind, z.ZodType>;

import { z } from 'zod';
import { expected } from './primitives.js';

/** The seven buckets of an installment, in the default payment order (SPEC §5). */
export const BUCKET_TYPES = [
  'late_fee',
  'daily_fee',
  'delinquency_interest',
  'installment_fee_2',
  'installment_fee',
  'interest',
  'principal',
] as const;

export type BucketType = (typeof BUCKET_TYPES)[number];

/** The waiver scopes of the create-waiver seed, in the seed's order. */
export const WAIVER_SCOPES = [
  'all',
  'principal',
  'non_overdue_principal',
  'interest',
  'delinquency_interest',
  'installment_fee',
  'current_installment_fee',
  'current_installment',
  'non_overdue_installment_fee',
  'current_principal',
  'overdue_principal',
  'overdue_interest',
  'discount_at_origination',
  'overdue_installment_fee',
  'late_fee',
] as const;

export type WaiverScope = (typeof WAIVER_SCOPES)[number];

export const WAIVER_TYPES = ['percentage', 'amount'] as const;
export type WaiverType = (typeof WAIVER_TYPES)[number];

export const bucketTypeSchema = z.enum(BUCKET_TYPES, { error: expected(`one of ${BUCKET_TYPES.join(', ')}`) }).meta({ id: 'BucketType' });
export const waiverScopeSchema = z.enum(WAIVER_SCOPES, { error: expected(`one of ${WAIVER_SCOPES.join(', ')}`) }).meta({ id: 'WaiverScope' });
export const waiverTypeSchema = z.enum(WAIVER_TYPES, { error: expected(`one of ${WAIVER_TYPES.join(', ')}`) }).meta({ id: 'WaiverType' });

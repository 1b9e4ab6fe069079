import { z } from 'zod';
import { BUCKET_TYPES, WAIVER_SCOPES } from '@lsl/ledger';
import { expected } from './primitives.js';

// The bucket and scope names are the ledger's: one list, shared by validation and the money rules.
export { BUCKET_TYPES, WAIVER_SCOPES, type BucketType, type WaiverScope } from '@lsl/ledger';

export const WAIVER_TYPES = ['percentage', 'amount'] as const;
export type WaiverType = (typeof WAIVER_TYPES)[number];

export const bucketTypeSchema = z.enum(BUCKET_TYPES, { error: expected(`one of ${BUCKET_TYPES.join(', ')}`) }).meta({ id: 'BucketType' });
export const waiverScopeSchema = z.enum(WAIVER_SCOPES, { error: expected(`one of ${WAIVER_SCOPES.join(', ')}`) }).meta({ id: 'WaiverScope' });
export const waiverTypeSchema = z.enum(WAIVER_TYPES, { error: expected(`one of ${WAIVER_TYPES.join(', ')}`) }).meta({ id: 'WaiverType' });

/** The pieces every part of the OpenAPI document is built from (openapi.ts, openapi-operations.ts). */
import { z } from 'zod';
import { ERROR_CATALOG, errorBody, type ErrorKind } from './errors.js';
import { OPERATIONS, openApiPathOf, type OperationType } from './operations/catalog.js';
import { idSchema } from './primitives.js';
import { errorBodySchema } from './responses/error-body.js';

/**
 * A JSON response (or body) and its example. Every route gives one for each answer it
 * documents (openapi.test.ts checks; `redocly lint` checks it against the schema).
 */
export const json = (schema: z.ZodType, description: string, example: unknown) => ({ description, content: { 'application/json': { schema, example } } });
/** A response that is not JSON (`/metrics`, `/docs`). */
export const text = (mediaType: string, description: string, example: string) => ({ description, content: { [mediaType]: { schema: { type: 'string' as const }, example } } });
export const errorResponse = (status: number) => {
  const kinds = Object.entries(ERROR_CATALOG).filter(([, e]) => e.httpStatus === status);
  const names = kinds.map(([k, e]) => `\`${k}\` (${e.code})`);
  const statusText = kinds[0]?.[1].statusText ?? 'Error';
  const example = errorBody((kinds[0]?.[0] ?? 'internal') as ErrorKind, undefined, ERROR_EXAMPLE_CONTEXT[status] ?? {});
  return json(errorBodySchema, `${statusText}: ${names.join(', ')}`, example);
};
const ERROR_EXAMPLE_CONTEXT: Record<number, Record<string, unknown>> = {
  400: { fields: { 'loan.amount_financed': 'Must be a number' } },
  404: { borrower_id: 'B1' },
  413: { limit_bytes: 1048576 },
};

export const queryDoc = z.object({
  is_migration: z
    .boolean()
    .default(false)
    .meta({ description: 'When true the operation is recorded as having happened at `occurred_on`, which is then required.' }),
});

export const preferHeader = z.object({
  prefer: z.string().optional().meta({ description: 'RFC 7240 `wait=N` (N ≤ 30): answer with the seed\'s synchronous response if the operation finishes within N seconds.' }),
  'idempotency-key': z.string().optional().meta({ description: 'IETF httpapi Idempotency-Key: reused with another body → 422; while the first is in flight → 409.' }),
});

export const pathIdSchema = (name: string) => idSchema.meta({ param: { name, in: 'path' } });

export function paramsFor(type: OperationType) {
  const names = [...openApiPathOf(OPERATIONS[type].path).matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1] as string);
  return z.object(Object.fromEntries(names.map((n) => [n, pathIdSchema(n)])));
}

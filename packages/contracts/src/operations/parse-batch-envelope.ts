import type { z } from 'zod';
import type { AppError } from '../errors.js';
import { operationQuerySchema, type OperationQuery } from '../primitives.js';
import { fieldsOf, validationError } from '../zod-error.js';

/**
 * What every batch route checks first (transfer ownership, cancel loans): the query and the
 * array itself, else one 400 for the whole request naming each bad field. Items are then
 * checked one by one by the caller, each failing alone.
 */
export function parseBatchEnvelope<Item>(
  input: { query?: unknown; body: unknown },
  batchSchema: z.ZodType<Item[]>,
): { ok: true; query: OperationQuery; items: Item[] } | { ok: false; error: AppError } {
  const query = operationQuerySchema.safeParse(typeof input.query === 'object' && input.query !== null ? input.query : {});
  const batch = batchSchema.safeParse(input.body);
  if (!query.success || !batch.success) {
    return {
      ok: false,
      error: validationError({
        ...(query.success ? {} : fieldsOf(query.error.issues, 'query')),
        ...(batch.success ? {} : fieldsOf(batch.error.issues, 'body')),
      }),
    };
  }
  return { ok: true, query: query.data, items: batch.data };
}

/** A field of a batch item when it is a string, for the item's `failed` entry. */
export function stringField(item: unknown, name: string): string | null {
  if (typeof item !== 'object' || item === null) return null;
  const value: unknown = Reflect.get(item, name);
  return typeof value === 'string' ? value : null;
}

import type { z } from 'zod';
import { OPERATION_TYPES, isOperationType, type OperationBodies, type OperationType } from '@lsl/ledger';
import { fromZodError } from '../zod-error.js';
import type { AppError } from '../errors.js';
import { OPERATIONS, OPERATION_REGISTRY, openApiPathOf } from '../registry/registry.js';

/** The operation types: the ledger's list (`LedgerOperation['type']`). */
export { OPERATION_TYPES, isOperationType, type OperationType };
export { OPERATIONS, OPERATION_REGISTRY, openApiPathOf };

/**
 * Parses a body of the given type with its schema: the typed body the ledger reads, or a 400
 * naming its fields.
 */
export function parseOperationBody<T extends OperationType>(type: T, body: unknown): { ok: true; value: OperationBodies[T] } | { ok: false; error: AppError } {
  const schema: z.ZodType<OperationBodies[T]> = OPERATION_REGISTRY[type].bodySchema;
  const result = schema.safeParse(body);
  return result.success ? { ok: true, value: result.data } : { ok: false, error: fromZodError(result.error) };
}

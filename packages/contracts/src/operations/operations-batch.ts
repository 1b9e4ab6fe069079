import { z } from 'zod';
import { AppError } from '../errors.js';
import { expected } from '../primitives.js';
import type { OperationQuery } from '../primitives.js';
import { fieldsOf, validationError } from '../zod-error.js';
import { OPERATION_REGISTRY, OPERATION_TYPES, type OperationType } from './catalog.js';
import { parseBatchEnvelope, stringField } from './parse-batch-envelope.js';
import { parseOperation, type ParsedOperation, type ParseOperationOptions, type ParseResult } from './parse-operation.js';

export const OPERATIONS_BATCH_MAX_ITEMS = 1000;

/**
 * `POST /v1/operations/batch`: a JSON array of `{method, path, body}`, each naming an operation
 * route as if sent alone (docs/api.md "The bulk route").
 */
export const OPERATIONS_BATCH_PATH = '/v1/operations/batch';

export const operationsBatchItemSchema = z
  .object({
    method: z.string({ error: expected('an HTTP method') }),
    path: z.string({ error: expected('a path such as /v1/borrowers/B1/loans/L1/create') }).min(1),
    body: z.unknown(),
  })
  .meta({ id: 'OperationsBatchItem' });

/** The batch as a whole: 1..1000 elements of any shape (each item is checked alone). */
export const operationsBatchSchema = z
  .array(z.unknown(), { error: expected('a JSON array of {method, path, body}') })
  .min(1, { error: 'Must have at least 1 item' })
  .max(OPERATIONS_BATCH_MAX_ITEMS, { error: `Must have at most ${OPERATIONS_BATCH_MAX_ITEMS} items` });

/** For documentation: the batch with its items' schema. */
export const operationsBatchDocSchema = z.array(operationsBatchItemSchema).min(1).max(OPERATIONS_BATCH_MAX_ITEMS).meta({ id: 'OperationsBatchRequest' });

/** The single-operation routes an item may name: every registered operation's own route (batch routes are not items). */
const ROUTES: Array<{ type: OperationType; pattern: RegExp; names: string[] }> = OPERATION_TYPES.filter((type) => OPERATION_REGISTRY[type].batch === undefined).map((type) => {
  const names: string[] = [];
  const source = OPERATION_REGISTRY[type].path
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(segment.slice(1));
      return '([^/]+)';
    })
    .join('/');
  return { type, pattern: new RegExp(`^${source}$`), names };
});

export interface MatchedRoute {
  type: OperationType;
  params: Record<string, string>;
  query: Record<string, string>;
}

/**
 * The operation route a path names, with its path parameters (percent-decoded, as Express
 * decodes them) and its query string; undefined when no operation route matches.
 */
export function matchOperationRoute(path: string): MatchedRoute | undefined {
  const [pathname = '', search = ''] = path.split(/\?(.*)/s, 2);
  const query = Object.fromEntries(new URLSearchParams(search));
  for (const route of ROUTES) {
    const match = route.pattern.exec(pathname);
    if (!match) continue;
    const params: Record<string, string> = {};
    try {
      route.names.forEach((name, i) => (params[name] = decodeURIComponent(match[i + 1]!)));
    } catch {
      return undefined;
    }
    return { type: route.type, params, query };
  }
  return undefined;
}

export type OperationsBatchItemResult =
  | { index: number; ok: true; value: ParsedOperation; rawBody: unknown }
  | { index: number; ok: false; error: AppError; borrower_id: string | null; request_id: string | null };

export interface ParsedOperationsBatch {
  query: OperationQuery;
  items: OperationsBatchItemResult[];
}

/**
 * The bulk route: the array and the batch's query must be valid (else one 400); then each item
 * is checked alone, exactly as its route checks a request sent alone (`parseOperation` of the
 * route's operation type), and fails alone: 400 for a malformed item or body, 404 for a path
 * that names no operation route, 405 for a method other than POST. The batch's query
 * (`is_migration`) applies to every item whose path does not give its own.
 */
export function parseOperationsBatch(input: { query?: unknown; body: unknown }, options: ParseOperationOptions = {}): ParseResult<ParsedOperationsBatch> {
  const batch = parseBatchEnvelope(input, operationsBatchSchema);
  if (!batch.ok) return batch;
  const query: unknown = input.query;
  const batchQuery: object = typeof query === 'object' && query !== null ? query : {};
  const items = batch.items.map((item, index): OperationsBatchItemResult => {
    const body = typeof item === 'object' && item !== null && 'body' in item ? item.body : undefined;
    const failed = (error: AppError, borrowerId: string | null = null): OperationsBatchItemResult => ({
      index,
      ok: false,
      error,
      borrower_id: borrowerId,
      request_id: stringField(body, 'request_id'),
    });
    const shape = operationsBatchItemSchema.safeParse(item);
    if (!shape.success) return failed(validationError(fieldsOf(shape.error.issues, 'body')));
    const route = matchOperationRoute(shape.data.path);
    if (!route) return failed(new AppError('route_not_found', 'No operation route has this path', { path: shape.data.path }));
    const borrowerId = route.params['borrower_id'] ?? null;
    if (shape.data.method.toUpperCase() !== 'POST') {
      return failed(new AppError('method_not_allowed', 'Operation routes take POST only', { method: shape.data.method, allow: ['POST'] }), borrowerId);
    }
    const parsed = parseOperation(route.type, { params: route.params, query: { ...batchQuery, ...route.query }, body: shape.data.body }, options);
    if (!parsed.ok) return failed(parsed.error, borrowerId);
    return { index, ok: true, value: parsed.value, rawBody: shape.data.body };
  });
  return { ok: true, value: { query: batch.query, items } };
}

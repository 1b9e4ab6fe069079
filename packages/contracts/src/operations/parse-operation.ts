import type { OperationBodies } from '@lsl/ledger';
import type { AppError } from '../errors.js';
import { dueDateIssues } from '../due-dates.js';
import { operationQuerySchema, type OperationQuery } from '../primitives.js';
import { fieldsOf, validationError } from '../zod-error.js';
import { OPERATION_REGISTRY, type OperationParams } from '../registry/registry.js';
import type { OperationType } from './catalog.js';

/** One parsed operation of type `K`. */
export interface ParsedOperationOf<K extends OperationType> {
  type: K;
  params: OperationParams[K];
  query: OperationQuery;
  body: OperationBodies[K];
  /** The borrower whose queue the operation joins. */
  borrowerId: string;
  /** Idempotency key (docs/api.md), see `naturalKeyOf`. */
  naturalKey: string;
}

/**
 * A parsed operation; code that needs the body of one type reads it through the type's
 * declaration (`OPERATION_REGISTRY[parsed.type]`), generic in the type.
 */
export type ParsedOperation<T extends OperationType = OperationType> = ParsedOperationOf<T>;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: AppError };

export interface ParseOperationInput {
  /** Path parameters (Express `req.params`); ignored for a batch item. */
  params?: unknown;
  /** Query (Express `req.query`). */
  query?: unknown;
  /** Parsed JSON body; for a batch, ONE item. */
  body: unknown;
}

export interface ParseOperationOptions {
  /**
   * The ledger's time zone (LEDGER_TIMEZONE). When given, due dates are also checked as
   * calendar days there (strictly increasing days, first one after the start day).
   */
  timeZone?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates one operation as intake sees it: path params, `is_migration`, body, and the rules
 * that need no ledger state (its declaration's, `src/registry/`). Every bad field is named in
 * one 400 (`context.fields`).
 */
export function parseOperation<T extends OperationType>(type: T, input: ParseOperationInput, options: ParseOperationOptions = {}): ParseResult<ParsedOperationOf<T>> {
  const declaration = OPERATION_REGISTRY[type];
  const fields: Record<string, string> = {};
  const add = (more: Record<string, string>) => Object.assign(fields, more);

  const params = declaration.paramsSchema.safeParse(declaration.batch === undefined ? (input.params ?? {}) : {});
  if (!params.success) add(fieldsOf(params.error.issues, 'params'));

  const query = operationQuerySchema.safeParse(isRecord(input.query) ? input.query : {});
  if (!query.success) add(fieldsOf(query.error.issues, 'query'));

  const body = declaration.bodySchema.safeParse(input.body);
  if (!body.success) add(fieldsOf(body.error.issues, 'body'));

  // docs/api.md: a migrated operation is recorded at `occurred_on`, so it must have one.
  if (query.success && query.data.is_migration) {
    const occurredOn = isRecord(input.body) ? input.body['occurred_on'] : undefined;
    if ((occurredOn === undefined || occurredOn === null) && fields['occurred_on'] === undefined) {
      fields['occurred_on'] = 'Required when is_migration=true';
    }
  }

  if (body.success) {
    if (params.success && declaration.crossFieldIssuesOf) add(declaration.crossFieldIssuesOf(params.data, body.data));
    if (options.timeZone !== undefined) add(dueDayIssues(type, body.data, options.timeZone));
  }

  if (Object.keys(fields).length > 0 || !params.success || !query.success || !body.success) {
    return { ok: false, error: validationError(fields) };
  }
  return {
    ok: true,
    value: {
      type,
      params: params.data,
      query: query.data,
      body: body.data,
      borrowerId: declaration.borrowerIdOf(params.data, body.data),
      naturalKey: naturalKeyOf(type, params.data, body.data),
    },
  };
}

/**
 * The due dates as calendar days in the lender's time zone (what the schedule uses): two on one
 * local day, or a first one on the start day, are refused. The body schema has already checked
 * them as instants (`refineDueDates`); both come from `dueDateIssues`.
 */
export function dueDayIssues<T extends OperationType>(type: T, body: OperationBodies[T], timeZone: string): Record<string, string> {
  const fields: Record<string, string> = {};
  const rule = OPERATION_REGISTRY[type].dueDatesOf?.(body);
  if (rule === undefined) return fields;
  for (const issue of dueDateIssues(rule.terms.dueDates, rule.terms.start, timeZone)) {
    fields[`${rule.path}.due_dates[${issue.index}]`] = issue.message;
  }
  return fields;
}

/**
 * Idempotency key (docs/api.md) of an operation, as one string: the type, then the key's parts
 * (its declaration's `naturalKeyOf`) joined by `/` (ids cannot contain `/`; a transfer's
 * `request_id`, which can, comes last, so the encoding stays unambiguous).
 *
 *   create_loan/B1/L1 · cancel_loan/B1/L1 · create_waiver/B1/L1/W1 ·
 *   create_consolidation/B1/C1 · transfer_ownership/B1/L1/<request_id> · create_payment/B1/P1 ·
 *   reverse_payment/B1/P1 · create_reimbursement/B1/R1 · charge_off_loan/B1/L1 · create_restructuring/B1/L1/RS1
 */
export function naturalKeyOf<T extends OperationType>(type: T, params: OperationParams[T], body: OperationBodies[T]): string {
  return [type, ...OPERATION_REGISTRY[type].naturalKeyOf(params, body)].join('/');
}

/**
 * When an operation counts as recorded (docs/api.md): `occurred_on` for a migration, otherwise
 * the acceptance time the caller passes.
 */
export function recordedAtOf(parsed: { query: OperationQuery; body: { occurred_on?: string | undefined } }, acceptedAt: string): string {
  return parsed.query.is_migration && parsed.body.occurred_on !== undefined ? parsed.body.occurred_on : acceptedAt;
}

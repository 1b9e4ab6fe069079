/**
 * The one error model of the product. Every refusal a lender sees, from any service, is an
 * `AppError` serialised as the seed error body `{code, context, error, status}`.
 *
 * `kind` is the stable machine name (what code switches on); `code` is the integer the seeds
 * call "Application-specific error code". Codes are the HTTP status times ten plus a
 * discriminator, so a reader can tell the family of a code at a glance (4000 → 400).
 */

import type { ErrorBody } from '@lsl/ledger';

/**
 * The seed error body, declared once by the ledger (its refusals are results in this shape, and
 * the ledger depends on nothing); every service's refusals serialise to it.
 */
export type { ErrorBody };

export interface ErrorCatalogEntry {
  httpStatus: number;
  code: number;
  /** The HTTP reason phrase echoed as `status` in the body. */
  statusText: string;
  /** Message used when the thrower gives none. */
  defaultMessage: string;
}

const entry = (httpStatus: number, code: number, statusText: string, defaultMessage: string): ErrorCatalogEntry =>
  ({ httpStatus, code, statusText, defaultMessage });

export const ERROR_CATALOG = {
  validation_failed: entry(400, 4000, 'Bad Request', 'The request is invalid'),
  malformed_json: entry(400, 4001, 'Bad Request', 'The request body is not valid JSON'),
  unknown_config: entry(400, 4002, 'Bad Request', 'The referenced config does not exist'),
  usury_rate_exceeded: entry(400, 4003, 'Bad Request', 'A rate is above the usury rate'),
  unauthorized: entry(401, 4010, 'Unauthorized', 'A valid API key is required'),
  forbidden: entry(403, 4030, 'Forbidden', 'This API key may not do that'),
  not_found: entry(404, 4040, 'Not Found', 'Not found'),
  route_not_found: entry(404, 4041, 'Not Found', 'No such route'),
  method_not_allowed: entry(405, 4050, 'Method Not Allowed', 'Method not allowed on this route'),
  conflict: entry(409, 4090, 'Conflict', 'The request conflicts with the current state'),
  natural_key_reused: entry(409, 4091, 'Conflict', 'An operation with this key was already accepted with a different body'),
  idempotency_key_in_flight: entry(409, 4092, 'Conflict', 'A request with this Idempotency-Key is still being processed'),
  payload_too_large: entry(413, 4130, 'Payload Too Large', 'The request body is too large'),
  unsupported_media_type: entry(415, 4150, 'Unsupported Media Type', 'The request body must be application/json'),
  idempotency_key_reused: entry(422, 4220, 'Unprocessable Entity', 'This Idempotency-Key was already used with a different body'),
  too_many_requests: entry(429, 4290, 'Too Many Requests', 'Too many requests'),
  headers_too_large: entry(431, 4310, 'Request Header Fields Too Large', 'The request line or headers are too large'),
  internal: entry(500, 5000, 'Internal Server Error', 'Internal server error'),
  service_unavailable: entry(503, 5030, 'Service Unavailable', 'The service is temporarily unavailable'),
} as const satisfies Record<string, ErrorCatalogEntry>;

export type ErrorKind = keyof typeof ERROR_CATALOG;

export const ERROR_KINDS = Object.keys(ERROR_CATALOG) as ErrorKind[];

export interface AppErrorOptions {
  cause?: unknown;
}

export class AppError extends Error {
  override readonly name = 'AppError';
  readonly kind: ErrorKind;
  readonly context: Record<string, unknown>;

  constructor(kind: ErrorKind, message?: string, context: Record<string, unknown> = {}, options: AppErrorOptions = {}) {
    super(message ?? ERROR_CATALOG[kind].defaultMessage, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.context = context;
  }

  get httpStatus(): number {
    return ERROR_CATALOG[this.kind].httpStatus;
  }

  get code(): number {
    return ERROR_CATALOG[this.kind].code;
  }

  get statusText(): string {
    return ERROR_CATALOG[this.kind].statusText;
  }

  /** The seed error body, keys in the seeds' order. Never includes the stack or the cause. */
  toJSON(): ErrorBody {
    return { code: this.code, context: this.context, error: this.message, status: this.statusText };
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

export function errorBody(kind: ErrorKind, message?: string, context: Record<string, unknown> = {}): ErrorBody {
  return new AppError(kind, message, context).toJSON();
}

/** Kind of the catalog entry for an HTTP status, for errors produced by middleware (e.g. body-parser's 413). */
export function kindForHttpStatus(httpStatus: number): ErrorKind {
  switch (httpStatus) {
    case 400: return 'validation_failed';
    case 401: return 'unauthorized';
    case 403: return 'forbidden';
    case 404: return 'not_found';
    case 405: return 'method_not_allowed';
    case 409: return 'conflict';
    case 413: return 'payload_too_large';
    case 415: return 'unsupported_media_type';
    case 429: return 'too_many_requests';
    case 431: return 'headers_too_large';
    case 503: return 'service_unavailable';
    default: return 'internal';
  }
}

/**
 * The bad fields an error's context names (`context.fields` of a validation error: field →
 * message), read as such: only string messages are kept; undefined when there are none.
 */
export function errorFieldsOf(context: Record<string, unknown>): Record<string, string> | undefined {
  const fields = context['fields'];
  if (typeof fields !== 'object' || fields === null) return undefined;
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(fields)) if (typeof message === 'string') out[field] = message;
  return out;
}

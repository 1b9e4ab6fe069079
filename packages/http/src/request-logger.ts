import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler, Response } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from '@lsl/telemetry';
import { routePattern } from './route-pattern.js';

export const REQUEST_ID_HEADER = 'x-request-id';
/** A caller's own request id is kept when it is this tame; otherwise one is made. */
const CALLER_ID = /^[\w.:@-]{1,128}$/;

/**
 * One log line per request, when its response is finished: method, URL, status, time, the
 * route pattern, and the ids that let a reader follow it: the HTTP request id (`req.id`, from
 * `X-Request-Id` or made here, echoed in the response), and for the API the borrower, the
 * lender's `request_id`, and the operation or batch the answer names. Headers are logged with
 * credentials redacted (see @lsl/telemetry redact.ts).
 */
export function requestLogger(logger: Logger): RequestHandler {
  const middleware = pinoHttp({
    logger,
    genReqId(req: IncomingMessage, res: ServerResponse) {
      const given = req.headers[REQUEST_ID_HEADER];
      const id = typeof given === 'string' && CALLER_ID.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    // The request as it came (query and params are in `url` and `route`); of the response, its status.
    serializers: {
      req: (req: { id: unknown; method: string; url: string; headers: unknown; remoteAddress?: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url,
        headers: req.headers,
        remoteAddress: req.remoteAddress,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
    customSuccessMessage: (req, res) => `${req.method} ${(req as Request).originalUrl ?? req.url} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method} ${(req as Request).originalUrl ?? req.url} ${res.statusCode}`,
    customSuccessObject: (req, res, fields) => ({ ...fields, ...idsOf(req as Request, res as Response) }),
    customErrorObject: (req, res, _error, fields) => ({ ...fields, ...idsOf(req as Request, res as Response) }),
  });
  return middleware as unknown as RequestHandler;
}

function idsOf(req: Request, res: Response): Record<string, string> {
  const ids: Record<string, string> = { route: routePattern(req) };
  const borrower = req.params?.['borrower_id'];
  if (typeof borrower === 'string') ids['borrower_id'] = borrower;
  const requestId = (req.body as { request_id?: unknown } | undefined)?.request_id;
  if (typeof requestId === 'string') ids['request_id'] = requestId.slice(0, 128);
  // The answer names the operation (or batch) it is about: `Location` of a 202, or the path read.
  const location = String(res.getHeader('location') ?? req.originalUrl ?? '');
  const named = /^\/v1\/(operations|batches)\/([^/?]+)/.exec(location);
  if (named) ids[named[1] === 'operations' ? 'operation_id' : 'batch_id'] = decodedOrRaw(named[2]!);
  return ids;
}

/** A path segment as sent when it does not decode (`%E0%A4%A`): a log line must never throw. */
function decodedOrRaw(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

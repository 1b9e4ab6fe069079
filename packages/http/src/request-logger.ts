import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { redactHeaders, type Logger } from '@lsl/telemetry';
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
 *
 * The same line pino-http wrote, written directly: pino-http made a child logger per request
 * (serializing and redacting the request once more) that nothing here uses, a measurable share
 * of intake's CPU per request (docs/performance.md, "Where the time goes"). Likewise the line's
 * headers are censored here (`redactHeaders`, the same names the logger's redaction paths
 * censor in `req.headers`) and an answered request's line is written by a child logger without
 * redaction paths: pino's redaction walked every path, wildcards included, over each line's
 * objects (docs/performance.md, "Intake's CPU per request"). The line is the same; a line
 * with an error (5xx, a failed response) goes through the logger's full redaction.
 */
export function requestLogger(logger: Logger): RequestHandler {
  // What the line holds besides the censored headers (the request's method, URL, ids, the
  // status, the route) has no field the redaction paths name.
  const plain = logger.child({}, { redact: [] });
  return (req, res, next) => {
    const started = Date.now();
    const given = req.headers[REQUEST_ID_HEADER];
    const id = typeof given === 'string' && CALLER_ID.test(given) ? given : randomUUID();
    Object.assign(req, { id });
    res.setHeader('X-Request-Id', id);
    const done = (error?: unknown) => {
      res.off('finish', done);
      res.off('close', done);
      res.off('error', done);
      const failed = error !== undefined || res.statusCode >= 500;
      const line: Record<string, unknown> = {
        req: { id, method: req.method, url: req.originalUrl ?? req.url, headers: failed ? req.headers : redactHeaders(req.headers), remoteAddress: req.socket?.remoteAddress },
        res: { statusCode: res.statusCode },
        responseTime: Date.now() - started,
        ...idsOf(req, res),
      };
      if (failed) line['err'] = error ?? new Error(`failed with status code ${res.statusCode}`);
      const message = `${req.method} ${req.originalUrl ?? req.url} ${res.statusCode}`;
      if (failed) logger.error(line, message);
      else {
        if (plain.level !== logger.level) plain.level = logger.level;
        plain.info(line, message);
      }
    };
    res.on('finish', done);
    res.on('close', done);
    res.on('error', done);
    next();
  };
}

function idsOf(req: Request, res: Response): Record<string, string> {
  const ids: Record<string, string> = { route: routePattern(req) };
  const borrower = req.params?.['borrower_id'];
  if (typeof borrower === 'string') ids['borrower_id'] = borrower;
  const body: unknown = req.body;
  const requestId = typeof body === 'object' && body !== null && 'request_id' in body ? body.request_id : undefined;
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

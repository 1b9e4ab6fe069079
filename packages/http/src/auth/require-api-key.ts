import type { RequestHandler } from 'express';
import { AppError } from '@lsl/contracts';
import { bearerToken } from './api-key.js';
import type { KeyRing } from './key-ring.js';
import type { KeyRateLimiter } from './rate-limit.js';

export interface RequireApiKeyOptions {
  keys: KeyRing;
  limiter: KeyRateLimiter;
  /** Requests per window of a key without its own limit (0: unlimited). */
  defaultRateLimit: number;
  windowSeconds: number;
  /**
   * Start-up found no key on a loopback address: requests pass without one until the first key
   * exists (then keys are required for the rest of this process's life, even if every key is
   * later revoked). See `decideAuthMode`.
   */
  openUntilFirstKey?: boolean;
  log?: (message: string, fields?: Record<string, unknown>) => void;
}

function unauthorized(message: string): AppError {
  return new AppError('unauthorized', message, { scheme: 'Bearer', header: 'Authorization' });
}

/**
 * `/v1` behind `Authorization: Bearer <key>` (401 without a key, or with an unknown or revoked
 * one), then the key's rate limit (429 with `Retry-After`). Runs before the body is read.
 */
export function requireApiKey(options: RequireApiKeyOptions): RequestHandler {
  let enforced = !options.openUntilFirstKey;
  return async (req, res, next) => {
    if (!enforced) {
      if ((await options.keys.count()) === 0) return next();
      enforced = true;
      options.log?.('an API key exists: every /v1 request needs one from now on', { level: 'warn' });
    }
    const token = bearerToken(req.header('authorization'));
    if (token === undefined) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      throw unauthorized('An API key is required: send Authorization: Bearer <key>');
    }
    const key = await options.keys.find(token);
    if (key === undefined) {
      res.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
      throw unauthorized('The API key is unknown or revoked');
    }
    res.locals.apiKeyId = key.id;
    const limit = key.rateLimit ?? options.defaultRateLimit;
    const decision = await options.limiter.consume(key.id, limit);
    if (!decision.allowed) {
      res.setHeader('Retry-After', String(decision.retryAfterSeconds));
      throw new AppError('too_many_requests', `This API key is limited to ${limit} requests per ${options.windowSeconds} s; retry after ${decision.retryAfterSeconds} s`, {
        limit,
        window_seconds: options.windowSeconds,
        retry_after_seconds: decision.retryAfterSeconds,
      });
    }
    next();
  };
}

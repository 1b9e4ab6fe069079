import express, { type RequestHandler } from 'express';
import { AppError } from '@lsl/contracts';
import { refuseUnholdableJson } from './json-hygiene.js';

export interface JsonBodyOptions {
  /** Largest accepted body, e.g. `1mb`. */
  limit?: string;
}

/**
 * Parses JSON bodies of POST/PUT requests; refuses other content types with 415. Parse errors
 * and oversized bodies are turned into seed-shaped errors by `errorHandler`; a body with a NUL
 * character or nested too deep is a 400 (`refuseUnholdableJson`).
 */
export function jsonBody(options: JsonBodyOptions = {}): RequestHandler[] {
  const requireJson: RequestHandler = (req, _res, next) => {
    if (req.method !== 'POST' && req.method !== 'PUT' && req.method !== 'PATCH') return next();
    if (!req.is('application/json') && !req.is('application/*+json')) {
      return next(new AppError('unsupported_media_type', 'The request body must be JSON (Content-Type: application/json)', {
        content_type: req.headers['content-type'] ?? null,
      }));
    }
    next();
  };
  return [requireJson, express.json({ limit: options.limit ?? '1mb', strict: false, type: ['application/json', 'application/*+json'] }), refuseUnholdableJson()];
}

import type { RequestHandler } from 'express';
import { AppError, formatIssuePath } from '@lsl/contracts';

/** Deeper JSON than this is refused: no request of the API nests past a handful of levels. */
export const MAX_JSON_DEPTH = 32;

/**
 * What JSON allows and the system cannot hold: a string with U+0000 (Postgres text refuses it)
 * or nesting deep enough to exhaust a recursive walk (hashing, canonical JSON). Returns the
 * first offending place and why. Iterative, so any depth is safe to inspect.
 */
export function jsonHygieneIssue(value: unknown): { path: Array<string | number>; message: string } | undefined {
  const stack: Array<{ value: unknown; path: Array<string | number> }> = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: v, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return { path, message: 'Must not contain the NUL character (U+0000)' };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (path.length >= MAX_JSON_DEPTH) return { path, message: `Must not nest deeper than ${MAX_JSON_DEPTH} levels` };
    if (Array.isArray(v)) v.forEach((item, i) => stack.push({ value: item, path: [...path, i] }));
    else {
      for (const [key, item] of Object.entries(v)) {
        if (key.includes('\u0000')) return { path: [...path, key], message: 'Names must not contain the NUL character (U+0000)' };
        stack.push({ value: item, path: [...path, key] });
      }
    }
  }
  return undefined;
}

/** After the JSON parser: a body the system cannot store or walk is a 400 naming where. */
export function refuseUnholdableJson(): RequestHandler {
  return (req, _res, next) => {
    if (req.body === undefined) return next();
    const issue = jsonHygieneIssue(req.body);
    if (issue === undefined) return next();
    const field = formatIssuePath(issue.path);
    next(new AppError('validation_failed', `Invalid request: ${field}: ${issue.message}`, { fields: { [field]: issue.message } }));
  };
}

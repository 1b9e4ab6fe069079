import type { Request } from 'express';

/**
 * The route a request matched, as its pattern (`/v1/operations/:id`), never the raw URL: a
 * bounded set of metric labels. Static files under a mount are `<mount>/*`; anything that
 * matched no route is `unmatched`.
 */
export function routePattern(req: Request): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof path === 'string') return `${req.baseUrl}${path}`;
  if (req.baseUrl) return `${req.baseUrl}/*`;
  return 'unmatched';
}

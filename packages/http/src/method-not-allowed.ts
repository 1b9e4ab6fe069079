import type { RequestHandler } from 'express';
import { AppError } from '@lsl/contracts';

/** What this module reads of Express 5's router (the `router` package's Layer and Route). */
interface Layer {
  route?: { methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  match(path: string): false | { path: string };
}

/** Methods of the routes in `stack` (and the routers mounted in it) whose path matches `path`. */
function allowedMethods(stack: Layer[], path: string, into: Set<string>): Set<string> {
  for (const layer of stack) {
    let matched: false | { path: string };
    try {
      matched = layer.match(path);
    } catch {
      continue; // a parameter that does not decode: routing has answered that already
    }
    if (!matched) continue;
    if (layer.route) {
      for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== '_all') into.add(method.toUpperCase());
    } else if (Array.isArray(layer.handle?.stack)) {
      allowedMethods(layer.handle.stack, path.slice(matched.path.length) || '/', into);
    }
  }
  return into;
}

/**
 * Placed after every route: a path that exists under other methods is 405 with `Allow`
 * (RFC 9110 §15.5.6) instead of 404. It reads the app's own route table, so a route added
 * anywhere is covered without being listed here.
 */
export function methodNotAllowed(routes: () => unknown[]): RequestHandler {
  return (req, res, next) => {
    const methods = allowedMethods(routes() as Layer[], req.path, new Set());
    if (methods.size === 0) return next();
    if (methods.has('GET')) methods.add('HEAD');
    // The method is served here and the route passed the request on (an asset that does not
    // exist under /docs/assets/:name): the answer is 404, not 405.
    if (methods.has(req.method)) return next();
    const allow = [...methods].sort();
    res.setHeader('Allow', allow.join(', '));
    next(new AppError('method_not_allowed', `${req.method} is not allowed on ${req.path}; allowed: ${allow.join(', ')}`, { method: req.method, path: req.path, allow }));
  };
}

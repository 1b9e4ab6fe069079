import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';

/** What this module reads of Express 5's router (the `router` package's Layer and Route). */
interface RouteLike {
  path: unknown;
  methods: Record<string, boolean | undefined>;
  stack: Array<{ handle: (...args: never[]) => unknown }>;
  dispatch(req: Request, res: Response, done: NextFunction): void;
}
interface LayerLike {
  route?: RouteLike;
}

interface DirectRoute {
  /** The path's segments: a literal, or `undefined` for a parameter. */
  literals: Array<string | undefined>;
  /** The parameters' names, by segment (`undefined` for a literal). */
  names: Array<string | undefined>;
  route: RouteLike;
}

/** A literal segment or a `:name` parameter: the only patterns taken into the table. */
const SEGMENT = /^(?::([A-Za-z_$][\w$]*)|[\w.~-]+)$/;

/**
 * The `method` routes of `routers` found without Express's route chain (docs/performance.md,
 * "Intake's CPU per request"): Express tries every layer of the app in turn (metrics, the log,
 * the ops routes, the pages, the API key, the JSON body, then each route's regular expression in
 * order), a tenth of intake's CPU per request. Placed in the app after the layers every request
 * goes through, this finds a request's route in a table by its path's segments and runs
 * `chain` (what the app mounts on `prefix` before its routers: API key, JSON body) and the
 * route, the same functions in the same order, with `req.params` and `req.route` as Express
 * sets them; an error goes on to the app's error handler as before.
 *
 * The same route as Express, or Express itself: the table holds the routes of `routers` in
 * order up to the first layer it cannot reproduce (a middleware, a route for every method, a
 * pattern with anything but literals and `:name` parameters, a handler that could pass the
 * request on); a path with an empty segment or a trailing slash, a `%` (Express decodes
 * parameters), or a segment that equals a literal only ignoring case (Express matches without
 * case) is left to Express's chain, which still holds every route. Nothing mounted on the app
 * between this layer and `prefix`'s chain may answer a path under `prefix` (the ops routes and
 * the pages are outside it).
 */
export function directRoutes(prefix: string, chain: RequestHandler[], routers: Router[], method = 'POST'): RequestHandler {
  let table: DirectRoute[] | undefined;
  const start = `${prefix}/`;
  return (req, res, next) => {
    if (req.method !== method || !req.url.startsWith(start)) return next();
    table ??= buildTable(routers, method.toLowerCase());
    const query = req.url.indexOf('?');
    const found = lookup(table, query < 0 ? req.url : req.url.slice(0, query));
    if (found === undefined) return next();
    req.params = found.params;
    runChain(chain, req, res, (error?: unknown) => {
      if (error !== undefined && error !== null) return next(error);
      // Its handlers answer or fail (`buildTable`): `done` is only ever called with an error.
      found.route.dispatch(req, res, (routeError?: unknown) => next(routeError ?? new Error('the route passed the request on')));
    });
  };
}

function buildTable(routers: Router[], method: string): DirectRoute[] {
  const table: DirectRoute[] = [];
  for (const router of routers) {
    for (const layer of router.stack as unknown as LayerLike[]) {
      const route = layer.route;
      if (route === undefined || route.methods._all || typeof route.path !== 'string') return table;
      // A handler taking `next` could pass the request on to the routes after it.
      if (route.stack.some((l) => l.handle.length > 2)) return table;
      if (!route.methods[method]) continue;
      const segments = route.path.split('/').slice(1);
      const parsed = segments.map((s) => SEGMENT.exec(s));
      if (parsed.some((m) => m === null)) return table;
      table.push({ literals: parsed.map((m) => (m![1] === undefined ? m![0] : undefined)), names: parsed.map((m) => m![1]), route });
    }
  }
  return table;
}

function lookup(table: DirectRoute[], path: string): { route: RouteLike; params: Record<string, string> } | undefined {
  if (path.includes('%')) return undefined;
  const segments = path.split('/').slice(1);
  if (segments.some((s) => s.length === 0)) return undefined;
  for (const entry of table) {
    if (entry.literals.length !== segments.length) continue;
    let matched = true;
    for (let i = 0; i < segments.length && matched; i++) {
      const literal = entry.literals[i];
      if (literal === undefined || literal === segments[i]) continue;
      if (literal.toLowerCase() === segments[i]!.toLowerCase()) return undefined;
      matched = false;
    }
    if (!matched) continue;
    const params: Record<string, string> = {};
    entry.names.forEach((name, i) => {
      if (name !== undefined) params[name] = segments[i]!;
    });
    return { route: entry.route, params };
  }
  return undefined;
}

/** Runs the handlers in turn as Express does: a thrown error or a rejected promise goes to `done`. */
function runChain(chain: RequestHandler[], req: Request, res: Response, done: (error?: unknown) => void): void {
  let i = 0;
  const next = (error?: unknown): void => {
    if ((error !== undefined && error !== null) || i >= chain.length) return done(error);
    const handler = chain[i++]!;
    try {
      const result = handler(req, res, next) as unknown;
      if (result instanceof Promise) result.then(undefined, (rejected: unknown) => next(rejected ?? new Error('Rejected promise')));
    } catch (thrown) {
      next(thrown);
    }
  };
  next();
}

import Ajv2020 from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import type { RequestHandler } from 'express';

/** The log message of a violation (main.ts); the end-to-end helpers look for it. */
export const RESPONSE_VIOLATION = 'response violates the OpenAPI document';

/** A response the OpenAPI document does not describe: its route, status and what is wrong. */
export interface ResponseViolation {
  method: string;
  /** The document's path template the request matched. */
  route: string;
  url: string;
  status: number;
  problems: string[];
  body: string;
}

interface OpenApiLike {
  paths?: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, unknown> }> } | undefined>>;
}

const FORMATS: Record<string, RegExp> = {
  date: /^\d{4}-\d{2}-\d{2}$/,
  'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
};

const pointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Checks answers against the OpenAPI document the app serves (docs/api.md "The OpenAPI
 * document"): a route of the document answering a status it does not declare, or a JSON body
 * its schema for that status does not accept (a missing field, an undeclared one, a wrong
 * type), is a violation. The end-to-end tests turn it on (`LSL_CHECK_RESPONSES=1`) and fail on
 * any violation, so the document is checked against every answer they see.
 */
export function createResponseChecker(served: object): (method: string, url: string, status: number, contentType: string | undefined, body: string) => Omit<ResponseViolation, 'body'> | null {
  // The document as served (JSON), which is what a client sees.
  const document: OpenApiLike = JSON.parse(JSON.stringify(served));
  const ajv = new (Ajv2020 as unknown as typeof Ajv2020.default)({
    strict: false,
    allErrors: true,
    // `multipleOf: 0.01` of an amount such as 1.14: compared to 6 decimals, not in binary floating point.
    multipleOfPrecision: 6,
  });
  for (const [name, re] of Object.entries(FORMATS)) ajv.addFormat(name, re);
  ajv.addSchema(document as object, 'openapi');
  const routes = Object.keys(document.paths ?? {}).map((template) => ({
    template,
    // `{id}` matches one path segment; templates without parameters match only themselves.
    re: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
    params: (template.match(/\{/g) ?? []).length,
  }));
  // A literal segment wins over a parameter (`/v1/borrowers/loans/simulate`).
  routes.sort((a, b) => a.params - b.params);
  const validators = new Map<string, ValidateFunction>();

  return (method, url, status, contentType, body) => {
    const path = url.split('?')[0] ?? url;
    const route = routes.find((r) => r.re.test(path));
    const lower = method.toLowerCase();
    const operation = route ? document.paths?.[route.template]?.[lower] : undefined;
    // Routes and methods the document does not name (404 and 405 of unknown routes, the dashboard) are not its business.
    if (!route || !operation) return null;
    const at = { method, route: route.template, url, status };
    const declared = operation.responses?.[String(status)];
    if (!declared) return { ...at, problems: [`status ${status} is not declared (declared: ${Object.keys(operation.responses ?? {}).join(', ')})`] };
    const content = declared.content ?? {};
    if (status === 304 || lower === 'head') return null;
    if (Object.keys(content).length === 0) return body.length === 0 ? null : { ...at, problems: ['a body where the document declares none'] };
    const media = (contentType ?? '').split(';')[0]!.trim();
    if (!(media in content)) return { ...at, problems: [`content type '${media}' is not declared (declared: ${Object.keys(content).join(', ')})`] };
    if (media !== 'application/json') return null;
    const ref = `openapi#/paths/${pointer(route.template)}/${lower}/responses/${status}/content/application~1json/schema`;
    let validate = validators.get(ref);
    if (!validate) {
      validate = ajv.getSchema(ref);
      if (!validate) return { ...at, problems: [`no schema at ${ref}`] };
      validators.set(ref, validate);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return { ...at, problems: ['the body is not JSON'] };
    }
    if (validate(parsed)) return null;
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}${e.params && 'additionalProperty' in e.params ? `: '${String(e.params.additionalProperty)}'` : ''}`);
    return { ...at, problems };
  };
}

/** Express middleware: every answer checked by `createResponseChecker`, violations given to `report`. */
export function checkResponses(document: object, report: (violation: ResponseViolation) => void): RequestHandler {
  const check = createResponseChecker(document);
  return (req, res, next) => {
    const chunks: Buffer[] = [];
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk), typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
    };
    const write = res.write.bind(res);
    const end = res.end.bind(res);
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      keep(chunk, rest[0]);
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof res.write;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      keep(chunk, rest[0]);
      return (end as (...a: unknown[]) => typeof res)(chunk, ...rest);
    }) as typeof res.end;
    const url = req.originalUrl;
    res.on('finish', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const header = res.getHeader('content-type');
      const violation = check(req.method, url, res.statusCode, typeof header === 'string' ? header : undefined, body);
      if (violation) report({ ...violation, body: body.slice(0, 2000) });
    });
    next();
  };
}

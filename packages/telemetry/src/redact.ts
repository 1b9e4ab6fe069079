/**
 * Log paths whose values never reach a log line: credentials in request headers (API keys,
 * dashboard Basic credentials, cookies) and secrets or keys anywhere in a logged object, at the
 * top level or one or two levels down (a webhook subscription logged as `{ subscription: {
 * secret } }`). See docs/operations.md, "Logs".
 */
const SECRET_KEYS = ['secret', 'password', 'api_key', 'apiKey', 'key_hash', 'token', 'authorization'];

/** Request headers that carry credentials (API keys, dashboard Basic credentials, cookies), as Node names them. */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization', 'x-api-key'];

export const REDACT_PATHS: string[] = [
  ...CREDENTIAL_HEADERS.map((name) => `req.headers["${name}"]`),
  'res.headers["set-cookie"]',
  ...SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
];

export const REDACTED = '[redacted]';

/**
 * The request headers whose values `REDACT_PATHS` censors in a request line (`req.headers.<name>`,
 * by name or by `*.*.<key>`), as Node names headers (lower case). The request log censors them
 * itself (`redactHeaders`) and writes its line without pino's walk of every path over it.
 */
export const REDACTED_HEADERS: ReadonlySet<string> = new Set(
  [...CREDENTIAL_HEADERS, ...SECRET_KEYS].filter((name) => name === name.toLowerCase()),
);

/** The headers as a request line logs them: same names, same order, the credentials' values `[redacted]`. */
export function redactHeaders(headers: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) out[name] = REDACTED_HEADERS.has(name) ? REDACTED : value;
  }
  return out;
}

/**
 * Log paths whose values never reach a log line: credentials in request headers (API keys,
 * dashboard Basic credentials, cookies) and secrets or keys anywhere in a logged object, at the
 * top level or one or two levels down (a webhook subscription logged as `{ subscription: {
 * secret } }`). See docs/operations.md, "Logs".
 */
const SECRET_KEYS = ['secret', 'password', 'api_key', 'apiKey', 'key_hash', 'token', 'authorization'];

export const REDACT_PATHS: string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  ...SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
];

export const REDACTED = '[redacted]';

import { isIP } from 'node:net';

/** `localhost`, 127.0.0.0/8, `::1` (and IPv4-mapped 127.x): reachable from this machine only. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || /^::ffff:127\./.test(h);
  return false;
}

export type AuthMode = 'keyed' | 'open-on-loopback';

/**
 * What the server does about keys at start-up (docs/security.md): with any key (API_KEYS or the
 * database), keys are required. Without one, a server on a loopback address runs open and
 * says so loudly; one on any other address refuses to start, since it would be open to the
 * network.
 */
export function decideAuthMode(host: string, keyCount: number): AuthMode {
  if (keyCount > 0) return 'keyed';
  if (isLoopbackHost(host)) return 'open-on-loopback';
  throw new Error(
    `refusing to start open on HOST=${host}: no API key is configured. Set API_KEYS (comma-separated keys) ` +
      'or create one with `npm run keys -- create --name <name>`, or bind to 127.0.0.1 for local use.',
  );
}

export const OPEN_WARNING = [
  '',
  '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
  '!! NO API KEY IS CONFIGURED: every /v1 route is OPEN to anyone on this machine.',
  '!! Set API_KEYS or run `npm run keys -- create --name <name>` (then keys are',
  '!! required at once). On a non-loopback HOST the server refuses to start like this.',
  '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
  '',
].join('\n');

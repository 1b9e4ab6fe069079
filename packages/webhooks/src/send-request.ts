import http from 'node:http';
import https from 'node:https';
import { ForbiddenAddressError, forbiddenAddressReason } from './address-policy.js';
import { guardedLookup, type HostPolicy } from './resolve-host.js';

export interface SendOptions extends HostPolicy {
  /** The whole attempt (connect, request, response) must finish within this. */
  timeoutMs: number;
  /** At most this much of the response body is read; the connection is closed after it. */
  maxResponseBytes: number;
}

export interface SendResult {
  /** The HTTP status, or null when none came (refused, timed out, connection error). */
  statusCode: number | null;
  latencyMs: number;
  /** What went wrong, or null for a 2xx. */
  error: string | null;
  /** The start of the response body as text. */
  responseBody: string | null;
  location: string | null;
}

/**
 * POSTs one signed body. Redirects are not followed (a 3xx is a failed attempt), the body read
 * is capped, the socket connects only to addresses the policy allows (checked at connect time,
 * see guardedLookup). Never throws: every outcome is a SendResult.
 */
export function sendRequest(url: URL, headers: Record<string, string>, body: string, options: SendOptions): Promise<SendResult> {
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (result: Omit<SendResult, 'latencyMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, latencyMs: latency() });
    };
    const fail = (error: string) => finish({ statusCode: null, error, responseBody: null, location: null });

    // An IP literal never reaches `lookup`: judge it here.
    const literalReason = options.allowPrivate ? undefined : isLiteral(url.hostname) ? forbiddenAddressReason(url.hostname) : undefined;
    if (literalReason) return fail(`refused: ${literalReason}`);

    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
      lookup: guardedLookup(options),
      agent: false,
    });
    timer = setTimeout(() => {
      fail(`timed out after ${options.timeoutMs} ms`);
      request.destroy();
    }, options.timeoutMs);
    request.on('error', (error: Error & { code?: string }) => {
      if (error instanceof ForbiddenAddressError) fail(`refused: ${error.message}`);
      else fail(error.code && !error.message.includes(error.code) ? `${error.code}: ${error.message}` : error.message);
    });
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => {
        const status = response.statusCode ?? 0;
        const text = Buffer.concat(chunks).subarray(0, options.maxResponseBytes).toString('utf8');
        const location = typeof response.headers.location === 'string' ? response.headers.location : null;
        const error = status >= 200 && status < 300 ? null : status >= 300 && status < 400 ? `redirect not followed (${status}${location ? ` to ${location}` : ''})` : `HTTP ${status}`;
        finish({ statusCode: status, error, responseBody: text, location });
        response.destroy();
      };
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        chunks.push(chunk);
        if (size >= options.maxResponseBytes) done();
      });
      response.on('end', done);
      response.on('error', () => done());
    });
    request.end(body);
  });
}

function isLiteral(hostname: string): boolean {
  return /^[\d.]+$/.test(hostname) || hostname.startsWith('[');
}

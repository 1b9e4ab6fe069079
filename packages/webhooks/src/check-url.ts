import { ForbiddenAddressError } from './address-policy.js';
import { resolveAllowed, type HostPolicy } from './resolve-host.js';

/** Why a webhook URL is refused: the message names the problem for the lender. */
export class WebhookUrlError extends Error {
  override readonly name = 'WebhookUrlError';
}

/**
 * Parses and checks a subscription URL: http or https, no credentials, and a host whose every
 * address may be reached (see address-policy.ts). Numeric spellings of an address (`2130706433`,
 * `0177.0.0.1`, `0x7f.1`, `[::ffff:127.0.0.1]`) are normalised by the WHATWG URL parser, the one
 * Node's HTTP client uses, so the check sees the address the request would go to.
 */
export async function checkWebhookUrl(raw: string, policy: HostPolicy): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookUrlError('Must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new WebhookUrlError('Must use http or https');
  if (url.username !== '' || url.password !== '') throw new WebhookUrlError('Must not carry credentials');
  if (url.hostname === '') throw new WebhookUrlError('Must name a host');
  try {
    await resolveAllowed(url.hostname, policy);
  } catch (error) {
    if (error instanceof ForbiddenAddressError) throw new WebhookUrlError(`Refused: ${error.message}; webhooks may not reach loopback, private, link-local or metadata addresses`);
    throw new WebhookUrlError(`The host ${url.hostname} does not resolve`);
  }
  return url;
}

import { lookup as dnsLookup, Resolver } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import { ForbiddenAddressError, forbiddenAddressReason, forbiddenCategory } from './address-policy.js';

export interface HostPolicy {
  /** Development only: private and loopback addresses are allowed (`WEBHOOKS_ALLOW_PRIVATE`). */
  allowPrivate: boolean;
  /**
   * DNS servers to ask (`host:port`), instead of the system's resolver (`getaddrinfo`, which
   * also reads /etc/hosts). Tests point it at a DNS server of their own.
   */
  dnsServers?: string[];
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Every address `host` resolves to (an IP literal resolves to itself). */
export async function resolveHost(host: string, policy: Pick<HostPolicy, 'dnsServers'>): Promise<ResolvedAddress[]> {
  const literal = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  const family = isIP(literal);
  if (family !== 0) return [{ address: literal, family: family as 4 | 6 }];
  if (!policy.dnsServers || policy.dnsServers.length === 0) {
    const answers = await dnsLookup(literal, { all: true, verbatim: true });
    return answers.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
  }
  const resolver = new Resolver({ timeout: 2000, tries: 2 });
  resolver.setServers(policy.dnsServers);
  const [v4, v6] = await Promise.all([
    resolver.resolve4(literal).catch(() => [] as string[]),
    resolver.resolve6(literal).catch(() => [] as string[]),
  ]);
  const answers: ResolvedAddress[] = [...v4.map((address) => ({ address, family: 4 as const })), ...v6.map((address) => ({ address, family: 6 as const }))];
  if (answers.length === 0) throw Object.assign(new Error(`${literal} does not resolve`), { code: 'ENOTFOUND' });
  return answers;
}

/**
 * Resolves `host` and checks every address; throws ForbiddenAddressError when one may not be
 * reached (a name with one private answer among public ones is refused as a whole).
 */
export async function resolveAllowed(host: string, policy: HostPolicy): Promise<ResolvedAddress[]> {
  const answers = await resolveHost(host, policy);
  if (!policy.allowPrivate) {
    const literal = isIP(host.replace(/^\[|\]$/g, '')) !== 0;
    for (const { address } of answers) {
      const reason = forbiddenAddressReason(address);
      if (!reason) continue;
      throw new ForbiddenAddressError(literal ? reason : `${host} resolves to ${address}, ${forbiddenCategory(address)}`);
    }
  }
  return answers;
}

/**
 * The `lookup` a delivery's socket connects with: it resolves again and checks again at connect
 * time, and the socket connects to exactly the addresses checked. A name whose DNS answer
 * changed since the subscription was checked (DNS rebinding) is refused here.
 */
export function guardedLookup(policy: HostPolicy): LookupFunction {
  return (hostname, options, callback) => {
    resolveAllowed(hostname, policy).then(
      (answers) => {
        const wanted = options.family === 4 || options.family === 6 ? answers.filter((a) => a.family === options.family) : answers;
        if (wanted.length === 0) {
          callback(Object.assign(new Error(`${hostname} has no IPv${options.family} address`), { code: 'ENOTFOUND' }), '', 4);
          return;
        }
        if (options.all) (callback as unknown as (e: null, a: ResolvedAddress[]) => void)(null, wanted);
        else callback(null, wanted[0]!.address, wanted[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 4),
    );
  };
}

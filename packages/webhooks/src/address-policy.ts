import ipaddr from 'ipaddr.js';

/**
 * Addresses a webhook may not reach (docs/webhooks.md, "Safety"): anything but a global unicast
 * address. ipaddr.js names the special ranges (loopback, private, linkLocal, uniqueLocal,
 * carrierGradeNat, multicast, unspecified, reserved, 6to4, teredo, ...); only `unicast` passes.
 * An IPv4-mapped IPv6 address (`::ffff:127.0.0.1`) is judged as the IPv4 address it carries.
 */
const METADATA = new Set([
  '169.254.169.254', // AWS, GCP, Azure, OpenStack (also link-local)
  '168.63.129.16', // Azure wire server: a public address that is not the internet
  '100.100.100.200', // Alibaba Cloud (also carrier-grade NAT)
  'fd00:ec2::254', // AWS over IPv6 (also unique local)
]);

/** What kind of refused address `address` is (`a loopback address`), or undefined when it may be reached. */
export function forbiddenCategory(address: string): string | undefined {
  const literal = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (!ipaddr.isValid(literal)) return 'not an IP address';
  let ip = ipaddr.parse(literal);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  if (METADATA.has(ip.toString())) return 'a cloud metadata address';
  const range = ip.range();
  return range === 'unicast' ? undefined : `a ${range} address`;
}

/** Why `address` may not be reached (`127.0.0.1 is a loopback address`), or undefined when it may. */
export function forbiddenAddressReason(address: string): string | undefined {
  const category = forbiddenCategory(address);
  if (category === undefined) return undefined;
  const literal = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  let canonical = literal;
  if (ipaddr.isValid(literal)) {
    const ip = ipaddr.parse(literal);
    canonical = ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress() ? (ip as ipaddr.IPv6).toIPv4Address().toString() : ip.toString();
  }
  return `${canonical} is ${category}`;
}

export class ForbiddenAddressError extends Error {
  override readonly name = 'ForbiddenAddressError';
  readonly code = 'EWEBHOOKFORBIDDEN';
}

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkWebhookUrl, DEFAULT_DELIVERY_POLICY, forbiddenAddressReason, sendRequest, WebhookUrlError } from '../src/index.js';
import { startDnsServer, type DnsServer } from './dns-server.js';
import { startReceiver, type Receiver } from '../src/testing.js';

const strict = { allowPrivate: false };
// Documentation-range-free public addresses, never connected to by these tests: only checked.
const PUBLIC_V4 = '93.184.215.14';

describe('SSRF guard: refused hosts (WEBHOOKS_ALLOW_PRIVATE off)', () => {
  const refused: Array<[string, string]> = [
    ['http://127.0.0.1/', 'loopback'],
    ['http://localhost:8080/hook', 'loopback'],
    ['http://2130706433/', 'loopback (decimal 127.0.0.1)'],
    ['http://0177.0.0.1/', 'loopback (octal 127.0.0.1)'],
    ['http://0x7f.0.0.1/', 'loopback (hex)'],
    ['http://0x7f000001/', 'loopback (one hex number)'],
    ['http://127.1/', 'loopback (short form)'],
    ['http://[::1]/', 'IPv6 loopback'],
    ['http://[::ffff:127.0.0.1]/', 'IPv4-mapped loopback'],
    ['http://[::ffff:7f00:1]/', 'IPv4-mapped loopback, hex'],
    ['http://[0:0:0:0:0:ffff:169.254.169.254]/', 'IPv4-mapped metadata'],
    ['http://0.0.0.0/', 'unspecified'],
    ['http://[::]/', 'IPv6 unspecified'],
    ['http://10.1.2.3/', 'private 10/8'],
    ['http://172.16.0.1/', 'private 172.16/12'],
    ['http://192.168.1.1/', 'private 192.168/16'],
    ['http://169.254.169.254/latest/meta-data/', 'metadata (link-local)'],
    ['http://100.100.100.200/', 'Alibaba metadata (carrier-grade NAT)'],
    ['http://168.63.129.16/', 'Azure wire server'],
    ['http://[fe80::1]/', 'IPv6 link-local'],
    ['http://[fd00:ec2::254]/', 'AWS IPv6 metadata (unique local)'],
    ['http://[fc00::1]/', 'IPv6 unique local'],
    ['http://[64:ff9b::7f00:1]/', 'NAT64 of 127.0.0.1'],
    ['http://[2002:7f00:1::]/', '6to4 of 127.0.0.1'],
    ['http://224.0.0.1/', 'multicast'],
    ['http://255.255.255.255/', 'broadcast'],
  ];
  for (const [url, what] of refused) {
    it(`${url}: ${what}`, async () => {
      await assert.rejects(checkWebhookUrl(url, strict), (error: Error) => error instanceof WebhookUrlError && /Refused/.test(error.message));
    });
  }

  it('refuses what is not an http(s) URL, or carries credentials', async () => {
    for (const url of ['ftp://example.com/', 'file:///etc/passwd', 'not a url', 'http://user:pw@93.184.215.14/', 'gopher://127.0.0.1:6379/']) {
      await assert.rejects(checkWebhookUrl(url, strict), WebhookUrlError, url);
    }
  });

  it('accepts a public address, and private ones when allowed', async () => {
    assert.equal((await checkWebhookUrl(`https://${PUBLIC_V4}/hook`, strict)).hostname, PUBLIC_V4);
    assert.equal((await checkWebhookUrl('http://127.0.0.1:9/hook', { allowPrivate: true })).hostname, '127.0.0.1');
    assert.equal(forbiddenAddressReason('::ffff:93.184.215.14'), undefined);
    assert.match(forbiddenAddressReason('::ffff:10.0.0.1') ?? '', /private/);
  });
});

describe('SSRF guard at connect time', () => {
  let receiver: Receiver;
  let dns: DnsServer;
  before(async () => {
    receiver = await startReceiver();
    // rebind.test: public on the first answer (the subscription check), loopback afterwards.
    // mixed.test: one public and one loopback address. local.test: loopback.
    dns = await startDnsServer((name, n) => {
      if (name === 'rebind.test') return n === 0 ? [PUBLIC_V4] : ['127.0.0.1'];
      if (name === 'mixed.test') return [PUBLIC_V4, '127.0.0.1'];
      if (name === 'local.test') return ['127.0.0.1'];
      return [];
    });
  });
  after(async () => {
    await receiver.close();
    await dns.close();
  });

  const send = (url: string, allowPrivate = false) =>
    sendRequest(new URL(url), {}, '{}', { ...DEFAULT_DELIVERY_POLICY, allowPrivate, dnsServers: [dns.address], timeoutMs: 5000 });

  it('a name whose DNS answer changes after the check is refused when the delivery connects', async () => {
    const url = `http://rebind.test:${receiver.port}/hook`;
    await checkWebhookUrl(url, { allowPrivate: false, dnsServers: [dns.address] }); // the check sees the public address
    const result = await send(url);
    assert.equal(result.statusCode, null);
    assert.match(result.error ?? '', /refused: rebind\.test resolves to 127\.0\.0\.1, a loopback address/);
    assert.equal(receiver.received.length, 0);
  });

  it('a name with one private answer among public ones is refused as a whole', async () => {
    await assert.rejects(checkWebhookUrl(`http://mixed.test:${receiver.port}/`, { allowPrivate: false, dnsServers: [dns.address] }), /Refused/);
    const result = await send(`http://mixed.test:${receiver.port}/hook`);
    assert.match(result.error ?? '', /refused/);
    assert.equal(receiver.received.length, 0);
  });

  it('a numeric spelling of loopback is refused before any connection', async () => {
    for (const host of ['2130706433', '0177.0.0.1', '[::ffff:127.0.0.1]']) {
      const result = await send(`http://${host}:${receiver.port}/hook`);
      assert.match(result.error ?? '', /refused: 127\.0\.0\.1 is a loopback address/, host);
    }
    assert.equal(receiver.received.length, 0);
  });

  it('with WEBHOOKS_ALLOW_PRIVATE the same loopback name is delivered to, through the pinned lookup', async () => {
    const result = await send(`http://local.test:${receiver.port}/hook`, true);
    assert.equal(result.statusCode, 204);
    assert.equal(receiver.received.length, 1);
  });
  it('a name that does not resolve is refused at subscription', async () => {
    await assert.rejects(checkWebhookUrl('http://nowhere.test/', { allowPrivate: false, dnsServers: [dns.address] }), /does not resolve/);
  });
});

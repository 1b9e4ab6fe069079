import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { DEFAULT_DELIVERY_POLICY, deliveryPolicyOf, nextAttemptAt, parseDuration, parseDurations, webhookEnvShape } from '../src/index.js';

const HOUR = 3_600_000;

describe('retry schedule', () => {
  it('the default retries for at least 24 hours even with the jitter at its lowest', () => {
    const schedule = DEFAULT_DELIVERY_POLICY.retryScheduleMs;
    assert.deepEqual(schedule, [5_000, 300_000, 1_800_000, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR]);
    const start = new Date('2026-01-01T00:00:00Z');
    for (const random of [0, 0.5, 0.999999]) {
      let at = start;
      let attempts = 1;
      for (;;) {
        const next = nextAttemptAt(at, attempts, schedule, DEFAULT_DELIVERY_POLICY.jitter, random);
        if (!next) break;
        assert.ok(next > at);
        at = next;
        attempts++;
      }
      assert.equal(attempts, 8);
      assert.ok(at.getTime() - start.getTime() >= 24 * HOUR, `last attempt ${(at.getTime() - start.getTime()) / HOUR} h after the first`);
    }
  });

  it('each delay is spread by ± the jitter', () => {
    const at = new Date(0);
    assert.equal(nextAttemptAt(at, 1, [1000], 0.1, 0)!.getTime(), 900);
    assert.equal(nextAttemptAt(at, 1, [1000], 0.1, 0.5)!.getTime(), 1000);
    assert.equal(nextAttemptAt(at, 1, [1000], 0.1, 0.99)!.getTime(), 1098);
    assert.equal(nextAttemptAt(at, 2, [1000], 0.1, 0.5), undefined);
  });

  it('durations parse with their unit; anything else is refused naming it', () => {
    assert.equal(parseDuration('250ms'), 250);
    assert.equal(parseDuration('1.5s'), 1500);
    assert.equal(parseDuration('5d'), 5 * 24 * HOUR);
    assert.deepEqual(parseDurations('5s, 5m'), [5000, 300_000]);
    assert.throws(() => parseDurations('5s,soon'), /"soon" is not a duration/);
  });

  it('the environment variables become the delivery policy; a bad one names itself', () => {
    const schema = z.object(webhookEnvShape);
    const env = schema.parse({ WEBHOOKS_ALLOW_PRIVATE: 'true', WEBHOOKS_RETRY_SCHEDULE: '100ms,1s', WEBHOOKS_DNS_SERVERS: '127.0.0.1:53' });
    const policy = deliveryPolicyOf(env);
    assert.equal(policy.allowPrivate, true);
    assert.deepEqual(policy.retryScheduleMs, [100, 1000]);
    assert.equal(policy.timeoutMs, 15_000);
    assert.equal(policy.disableAfterMs, 5 * 24 * HOUR);
    assert.deepEqual(policy.dnsServers, ['127.0.0.1:53']);
    assert.equal(deliveryPolicyOf(schema.parse({})).allowPrivate, false);
    const bad = schema.safeParse({ WEBHOOKS_RETRY_SCHEDULE: '5 minutes' });
    assert.equal(bad.success, false);
    assert.deepEqual(bad.error!.issues[0]!.path, ['WEBHOOKS_RETRY_SCHEDULE']);
  });
});

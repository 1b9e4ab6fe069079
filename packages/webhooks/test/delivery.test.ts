import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { Webhook } from 'standardwebhooks';
import { event, eventually, startHarness, type Harness } from './harness.js';
import { startReceiver, type Receiver } from '../src/testing.js';

let h: Harness;
const receivers: Receiver[] = [];
const receiver = async (...args: Parameters<typeof startReceiver>) => {
  const r = await startReceiver(...args);
  receivers.push(r);
  return r;
};
const subscribe = async (url: string, events: string[], extra: Record<string, unknown> = {}) => {
  const res = await h.api.request('POST', '/v1/webhooks', { url, events, ...extra });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { id: string; secret: string; url: string; events: string[] };
};
const deliveries = async (webhookId: string, query = '') => (await h.api.request('GET', `/v1/webhooks/${webhookId}/deliveries${query}`)).body;

describe('webhook delivery to a real receiver', () => {
  before(async () => {
    h = await startHarness({});
  });
  after(async () => {
    await Promise.all(receivers.map((r) => r.close()));
    await h?.stop();
  });

  it('signs with the subscription secret: the standardwebhooks verifier accepts the delivery', async () => {
    const r = await receiver();
    const sub = await subscribe(r.url, ['operation.succeeded']);
    assert.match(sub.secret, /^whsec_[A-Za-z0-9+/]+=*$/);
    await h.emit([event('operation.succeeded', 'sig-b', 1), event('loan.originated', 'sig-b', 2)]);
    const [got] = await r.waitFor(1);
    const payload = new Webhook(sub.secret).verify(got!.body, got!.headers) as any;
    assert.equal(payload.type, 'operation.succeeded');
    assert.deepEqual(payload.data, { n: 1, borrower: 'sig-b' });
    assert.equal(payload.borrower_id, 'sig-b');
    assert.match(got!.headers['webhook-signature']!, /^v1,[A-Za-z0-9+/]+=*$/);
    // Another secret does not verify it.
    assert.throws(() => new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`).verify(got!.body, got!.headers));
    // The log says delivered, with the attempt.
    const log = await eventually(async () => {
      const body = await deliveries(sub.id);
      return body.deliveries[0]?.status === 'delivered' && body;
    }, 'delivered');
    assert.equal(log.deliveries.length, 1, 'loan.originated was not subscribed to');
    assert.equal(log.deliveries[0].id, got!.headers['webhook-id']);
    assert.equal(log.deliveries[0].attempts[0].status_code, 204);
  });

  it('a given secret is used; it is shown at creation only', async () => {
    const r = await receiver();
    const secret = `whsec_${Buffer.alloc(24, 3).toString('base64')}`;
    const sub = await subscribe(r.url, ['operation.failed'], { secret, description: 'ours' });
    assert.equal(sub.secret, secret);
    const got = await h.api.request('GET', `/v1/webhooks/${sub.id}`);
    assert.equal(got.status, 200);
    assert.equal(got.body.secret, undefined);
    assert.equal(got.body.description, 'ours');
    const list = await h.api.request('GET', '/v1/webhooks');
    assert.ok(list.body.webhooks.every((w: any) => w.secret === undefined));
    await h.emit([event('operation.failed', 'sec-b', 1)]);
    const [delivered] = await r.waitFor(1);
    new Webhook(secret).verify(delivered!.body, delivered!.headers);
  });

  it('a receiver failing twice then succeeding gets the same webhook-id three times', async () => {
    const r = await receiver((_req, i) => ({ status: i < 2 ? 500 : 200, body: i < 2 ? 'not now' : 'ok' }));
    const sub = await subscribe(r.url, ['operation.succeeded']);
    await h.emit([event('operation.succeeded', 'retry-b', 1)]);
    const got = await r.waitFor(3);
    const ids = new Set(got.map((g) => g.headers['webhook-id']));
    assert.equal(ids.size, 1);
    for (const g of got) new Webhook(sub.secret).verify(g.body, g.headers);
    const log = await eventually(async () => {
      const body = await deliveries(sub.id);
      return body.deliveries[0]?.status === 'delivered' && body;
    }, 'delivered after retries');
    assert.deepEqual(log.deliveries[0].attempts.map((a: any) => [a.status_code, a.error, a.response_excerpt]), [
      [500, 'HTTP 500', 'not now'],
      [500, 'HTTP 500', 'not now'],
      [200, null, 'ok'],
    ]);
    assert.equal(log.deliveries[0].attempt_count, 3);
  });

  it('a slow receiver times out and is retried', async () => {
    const r = await receiver((_req, i) => ({ status: 200, delayMs: i === 0 ? 4000 : 0 }));
    const sub = await subscribe(r.url, ['operation.succeeded']);
    await h.emit([event('operation.succeeded', 'slow-b', 1)]);
    const got = await r.waitFor(2);
    assert.equal(got[0]!.headers['webhook-id'], got[1]!.headers['webhook-id']);
    const log = await eventually(async () => {
      const body = await deliveries(sub.id);
      return body.deliveries[0]?.status === 'delivered' && body;
    }, 'delivered after a timeout');
    const [first, second] = log.deliveries[0].attempts;
    assert.equal(first.status_code, null);
    assert.equal(first.error, 'timed out after 2000 ms');
    assert.equal(second.status_code, 200);
  });

  it('410 Gone disables the subscription and says why; nothing more is sent', async () => {
    const r = await receiver(() => ({ status: 410 }));
    const control = await receiver();
    const sub = await subscribe(r.url, ['operation.succeeded']);
    await subscribe(control.url, ['operation.succeeded']);
    await h.emit([event('operation.succeeded', 'gone-b', 1)]);
    await r.waitFor(1);
    const disabled = await eventually(async () => {
      const got = await h.api.request('GET', `/v1/webhooks/${sub.id}`);
      return got.body.disabled && got.body;
    }, 'disabled');
    assert.match(disabled.disabled_reason, /410 Gone/);
    const log = await deliveries(sub.id);
    assert.equal(log.deliveries[0].status, 'failed');
    await h.emit([event('operation.succeeded', 'gone-b', 2)]);
    // The control subscription receiving event 2 shows the relay has handled it.
    await control.waitFor(1, (g) => g.json.data.n === 2);
    assert.equal(r.received.length, 1);
    assert.equal((await deliveries(sub.id)).deliveries.length, 1);
  });

  it('a deleted subscription gets nothing more', async () => {
    const r = await receiver();
    const control = await receiver();
    const sub = await subscribe(r.url, ['payment.applied']);
    await subscribe(control.url, ['payment.applied']);
    await h.emit([event('payment.applied', 'del-b', 1)]);
    await r.waitFor(1);
    assert.equal((await h.api.request('DELETE', `/v1/webhooks/${sub.id}`)).status, 204);
    assert.equal((await h.api.request('GET', `/v1/webhooks/${sub.id}`)).status, 404);
    await h.emit([event('payment.applied', 'del-b', 2)]);
    await control.waitFor(1, (g) => g.json.data.n === 2);
    assert.equal(r.received.length, 1);
    const left = await h.db.selectFrom('webhook_deliveries').select('id').where('subscription_id', '=', sub.id).execute();
    assert.equal(left.length, 0);
  });

  it('one borrower’s events arrive in order even across retries; another borrower is not held up', async () => {
    // A1 fails until B1 has arrived: if A's retries held B up, this would never finish.
    let sawB1 = false;
    const r = await receiver((req) => {
      const { borrower, n } = req.json.data;
      if (borrower === 'ord-B') sawB1 = true;
      return { status: borrower === 'ord-A' && n === 1 && !sawB1 ? 503 : 200 };
    });
    await subscribe(r.url, ['operation.succeeded', 'loan.originated']);
    await h.emit([event('loan.originated', 'ord-A', 1), event('operation.succeeded', 'ord-A', 2)]);
    await h.emit([event('operation.succeeded', 'ord-B', 1)]);
    await h.emit([event('operation.succeeded', 'ord-A', 3), event('operation.succeeded', 'ord-A', 4)]);
    await eventually(async () => r.received.filter((g) => g.json.data.borrower === 'ord-A').map((g) => g.json.data.n).includes(4), 'A4');
    const arrivals = r.received.filter((g) => g.json.data.borrower === 'ord-A').map((g) => g.json.data.n);
    // A1 at least twice (503, then 200 once B1 came), then 2, 3, 4 once each, in order.
    const firstOk = arrivals.lastIndexOf(1);
    assert.ok(firstOk >= 1, `A1 was retried: ${arrivals}`);
    assert.deepEqual(arrivals.slice(firstOk), [1, 2, 3, 4]);
    assert.ok(arrivals.slice(0, firstOk).every((n) => n === 1));
  });

  it('a delivery whose retries run out fails for good, and the borrower’s next one goes', async () => {
    const r = await receiver((req) => ({ status: req.json.data.n === 1 ? 500 : 200 }));
    const sub = await subscribe(r.url, ['operation.succeeded']);
    await h.emit([event('operation.succeeded', 'dead-b', 1), event('operation.succeeded', 'dead-b', 2)]);
    await r.waitFor(1, (g) => g.json.data.n === 2);
    const failedFirst = r.received.filter((g) => g.json.data.n === 1);
    assert.equal(failedFirst.length, 4, 'one attempt plus the three retries of the schedule');
    const log = await eventually(async () => {
      const body = await deliveries(sub.id);
      return body.deliveries.length === 2 && body.deliveries[0].status === 'delivered' && body;
    }, 'second delivered');
    assert.equal(log.deliveries[1].status, 'failed');
    assert.equal(log.deliveries[1].attempts.length, 4);
    // Paging: one per page, newest event first.
    const page1 = await deliveries(sub.id, '?limit=1');
    assert.equal(page1.deliveries[0].id, log.deliveries[0].id);
    const page2 = await deliveries(sub.id, `?limit=1&cursor=${page1.next_cursor}`);
    assert.equal(page2.deliveries[0].id, log.deliveries[1].id);
    assert.equal(page2.next_cursor, null);
    assert.equal((await deliveries(sub.id, '?status=failed')).deliveries.length, 1);
  });

  it('POST .../retry redelivers with the same webhook-id', async () => {
    const r = await receiver();
    const sub = await subscribe(r.url, ['operation.succeeded']);
    await h.emit([event('operation.succeeded', 'redo-b', 1)]);
    const [first] = await r.waitFor(1);
    const id = first!.headers['webhook-id']!;
    await eventually(async () => (await deliveries(sub.id)).deliveries[0]?.status === 'delivered', 'delivered');
    const retried = await h.api.request('POST', `/v1/webhooks/${sub.id}/deliveries/${id}/retry`, {});
    assert.equal(retried.status, 202);
    assert.equal(retried.body.status, 'pending');
    const got = await r.waitFor(2);
    assert.equal(got[1]!.headers['webhook-id'], id);
    assert.equal((await h.api.request('POST', `/v1/webhooks/${sub.id}/deliveries/00000000-0000-4000-8000-000000000000/retry`, {})).status, 404);
  });

  it('redirects are not followed; the response body read is capped', async () => {
    const target = await receiver();
    const r = await receiver((req) =>
      req.json.data.n === 1 ? { status: 302, headers: { location: target.url } } : { status: 200, body: 'x'.repeat(200_000) },
    );
    const sub = await subscribe(r.url, ['operation.succeeded']);
    await h.emit([event('operation.succeeded', null, 1), event('operation.succeeded', null, 2)]);
    const log = await eventually(async () => {
      const body = await deliveries(sub.id);
      return body.deliveries.length === 2 && body.deliveries.every((d: any) => d.attempts.length > 0) && body;
    }, 'both attempted');
    const byN = (n: number) => log.deliveries.find((d: any) => d.attempts.length > 0 && (n === 1 ? d.attempts[0].status_code === 302 : d.attempts[0].status_code === 200));
    assert.match(byN(1).attempts[0].error, /redirect not followed \(302 to http:\/\/127\.0\.0\.1/);
    assert.equal(byN(2).attempts[0].response_excerpt.length, 1024);
    assert.equal(target.received.length, 0);
  });

  it('a subscription whose deliveries fail for the disable period is disabled, saying since when', async () => {
    const r = await receiver(() => ({ status: 500 }));
    const sub = await subscribe(r.url, ['operation.succeeded']);
    // Failing for six days already (as if): the next failure passes the five-day mark.
    await sql`update webhook_subscriptions set failing_since = now() - interval '6 days' where id = ${sub.id}`.execute(h.db);
    await h.emit([event('operation.succeeded', 'old-b', 1)]);
    const disabled = await eventually(async () => {
      const got = await h.api.request('GET', `/v1/webhooks/${sub.id}`);
      return got.body.disabled && got.body;
    }, 'disabled');
    assert.match(disabled.disabled_reason, /^every delivery failed since \d{4}-\d\d-\d\dT/);
    // Enabling it again sends what was held, and a success clears the streak.
    const ok = await receiver();
    const patched = await h.api.request('PATCH', `/v1/webhooks/${sub.id}`, { disabled: false, url: ok.url });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.disabled, false);
    await ok.waitFor(1);
    await eventually(async () => (await h.api.request('GET', `/v1/webhooks/${sub.id}`)).body.failing_since === null, 'streak cleared');
  });
});

describe('webhook subscriptions: refusals', () => {
  let strict: Harness;
  before(async () => {
    strict = await startHarness({ allowPrivate: false });
  });
  after(async () => strict?.stop());

  it('unknown event names, bad URLs, private hosts, bad secrets: 400 in the seed error body', async () => {
    const cases: Array<[unknown, string]> = [
      [{ url: 'https://93.184.215.14/h', events: ['loan.exploded'] }, 'events[0]'],
      [{ url: 'https://93.184.215.14/h', events: [] }, 'events'],
      [{ url: 'https://93.184.215.14/h', events: ['operation.succeeded', 'operation.succeeded'] }, 'events'],
      [{ url: 'not a url', events: ['operation.succeeded'] }, 'url'],
      [{ url: 'http://127.0.0.1:9/h', events: ['operation.succeeded'] }, 'url'],
      [{ url: 'http://2130706433/h', events: ['operation.succeeded'] }, 'url'],
      [{ url: 'https://93.184.215.14/h', events: ['operation.succeeded'], secret: 'hunter2' }, 'secret'],
      [{ url: 'https://93.184.215.14/h', events: ['operation.succeeded'], extra: 1 }, 'body'],
      [{ events: ['operation.succeeded'] }, 'url'],
    ];
    for (const [body, field] of cases) {
      const res = await strict.api.request('POST', '/v1/webhooks', body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.deepEqual(Object.keys(res.body), ['code', 'context', 'error', 'status']);
      assert.equal(res.body.status, 'Bad Request');
      assert.ok(Object.keys(res.body.context.fields).some((f) => f === field), `${JSON.stringify(res.body)} names ${field}`);
    }
  });

  it('PATCH checks the same way; unknown ids are 404', async () => {
    const created = await strict.api.request('POST', '/v1/webhooks', { url: 'https://93.184.215.14/h', events: ['batch.completed', 'loan.charged_off'] });
    assert.equal(created.status, 201);
    assert.equal((await strict.api.request('PATCH', `/v1/webhooks/${created.body.id}`, { url: 'http://[::ffff:127.0.0.1]/' })).status, 400);
    assert.equal((await strict.api.request('PATCH', `/v1/webhooks/${created.body.id}`, { events: ['nope'] })).status, 400);
    const disabled = await strict.api.request('PATCH', `/v1/webhooks/${created.body.id}`, { disabled: true });
    assert.equal(disabled.body.disabled_reason, 'disabled by request');
    assert.equal((await strict.api.request('GET', '/v1/webhooks/00000000-0000-4000-8000-000000000000')).status, 404);
    assert.equal((await strict.api.request('GET', '/v1/webhooks/nope')).status, 404);
    assert.equal((await strict.api.request('DELETE', '/v1/webhooks/00000000-0000-4000-8000-000000000000')).status, 404);
    assert.equal((await strict.api.request('GET', `/v1/webhooks/${created.body.id}/deliveries?limit=0`)).status, 400);
  });
});

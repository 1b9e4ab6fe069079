import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import express, { Router, type RequestHandler } from 'express';
import { directRoutes } from '../src/direct-routes.js';

// Which way a request went: the direct table, or Express's chain (which still holds every route).
describe('direct routes: the same route as Express, or Express itself', () => {
  let baseUrl = '';
  let close = () => {};
  const seen: string[] = [];
  const mark = (name: string): RequestHandler => (_req, _res, next) => {
    seen.push(name);
    next();
  };

  before(async () => {
    const router = Router();
    router.post('/v1/borrowers/:borrower_id/payments/:payment_id/create', (req, res) => void res.json({ route: req.route?.path, params: req.params }));
    router.post('/v1/borrowers/loans/transfer_ownership', (req, res) => void res.json({ route: req.route?.path, params: req.params }));
    router.post('/v1/borrowers/:borrower_id/loans/:loan_id/create', async (req) => {
      throw new Error(`refused ${String(req.params['loan_id'])}`);
    });
    const app = express();
    const chain = [mark('auth'), express.json()];
    app.use(directRoutes('/v1', [mark('direct'), ...chain], [router]));
    app.use('/v1', mark('chain'), ...chain);
    app.use(router);
    app.use(((error, _req, res, _next) => void res.status(500).json({ error: String(error) })) as express.ErrorRequestHandler);
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  after(() => close());

  const post = async (path: string) => {
    seen.length = 0;
    const res = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    const text = await res.text();
    return { status: res.status, body: (text.startsWith('{') ? JSON.parse(text) : { text }) as Record<string, unknown>, way: [...seen] };
  };

  it('finds a route by its segments, with its params and req.route as Express sets them', async () => {
    const r = await post('/v1/borrowers/B1/payments/P.1/create?is_migration=true');
    assert.deepEqual(r, { status: 200, body: { route: '/v1/borrowers/:borrower_id/payments/:payment_id/create', params: { borrower_id: 'B1', payment_id: 'P.1' } }, way: ['direct', 'auth'] });
    assert.deepEqual((await post('/v1/borrowers/loans/transfer_ownership')).way, ['direct', 'auth']);
  });

  it("an error goes on to the app's error handler", async () => {
    const r = await post('/v1/borrowers/B1/loans/L9/create');
    assert.deepEqual(r, { status: 500, body: { error: 'Error: refused L9' }, way: ['direct', 'auth'] });
  });

  it('leaves to Express what it would match differently: other case, trailing slash, encoded segments, unknown paths', async () => {
    const viaExpress = ['chain', 'auth'];
    assert.deepEqual((await post('/v1/borrowers/B1/Payments/P1/create')).way, viaExpress);
    assert.equal((await post('/v1/borrowers/B1/Payments/P1/create')).body['route'], '/v1/borrowers/:borrower_id/payments/:payment_id/create');
    assert.deepEqual((await post('/v1/borrowers/B1/payments/P1/create/')).way, viaExpress);
    const encoded = await post('/v1/borrowers/B%201/payments/P1/create');
    assert.deepEqual(encoded.way, viaExpress);
    assert.deepEqual(encoded.body['params'], { borrower_id: 'B 1', payment_id: 'P1' });
    assert.deepEqual((await post('/v1/borrowers//payments/P1/create')).way, viaExpress);
    assert.deepEqual((await post('/v1/nothing/here')).way, viaExpress);
  });
});

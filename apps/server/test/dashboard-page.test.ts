import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase } from '@lsl/db/testing';
import { operationIdOf } from '../src/dashboard-jobs.js';
import { matchLocale, pickLocale } from '../src/dashboard-locale.js';
import { serveApp, type ServedApp } from './serve-app.js';

const INSTALLED = ['en-US', 'da-DK', 'de-DE', 'en-GB', 'es-ES', 'fr-FR', 'pt-BR', 'zh-CN'];
const AUTH = { authorization: `Basic ${Buffer.from('admin:pw').toString('base64')}` };

describe('the dashboard page: language, fonts, jobs', () => {
  it('speaks the first language of Accept-Language that bull-board is translated into', () => {
    assert.equal(pickLocale('es-CO,es;q=0.9,en;q=0.8', INSTALLED), 'es-ES');
    assert.equal(pickLocale('en', INSTALLED), 'en-US');
    assert.equal(pickLocale('en-gb', INSTALLED), 'en-GB');
    assert.equal(pickLocale('it-IT, de;q=0.7, es;q=0.9', INSTALLED), 'es-ES');
    assert.equal(pickLocale('pt', INSTALLED), 'pt-BR');
    assert.equal(pickLocale('it, *;q=0.5', INSTALLED), 'en-US');
    assert.equal(pickLocale('es;q=0, fr', INSTALLED), 'fr-FR');
    assert.equal(pickLocale(undefined, INSTALLED), 'en-US');
    assert.equal(pickLocale(';;,,q=x', INSTALLED), 'en-US');
    assert.equal(matchLocale('../en-US', INSTALLED), undefined);
    assert.equal(matchLocale('ES', INSTALLED), 'es-ES');
  });

  it('finds the operation of a job in its data, else in its id', () => {
    const id = '0b7e1c9a-3f2d-4c1e-9a8b-7c6d5e4f3a2b';
    assert.equal(operationIdOf({ data: { borrowerId: 'B1', operationId: id } }), id);
    assert.equal(operationIdOf({ id: `${id}-wake-12`, data: { borrowerId: 'B1' } }), id);
    assert.equal(operationIdOf({ id: 'repeat:1', data: { deliveryId: 'x' } }), undefined);
    assert.equal(operationIdOf({ data: { operationId: 'not-a-uuid' } }), undefined);
  });

  describe('served', () => {
    let database: TestDatabase;
    let app: ServedApp;
    before(async () => {
      database = await createTestDatabase();
      app = await serveApp(database.url, {}, ['webhooks']);
    });
    after(async () => {
      await app?.close();
      await database?.drop();
    });

    it('the page names no other host, loads its fonts from the app, in the language asked for', async () => {
      const res = await fetch(`${app.baseUrl}/admin/queues`, { headers: { ...AUTH, 'accept-language': 'es-CO,es;q=0.9' } });
      assert.equal(res.status, 200);
      const html = await res.text();
      assert.doesNotMatch(html, /(?:href|src)="(?:https?:)?\/\//i, 'no link to another host');
      assert.match(html, /<link href="fonts\.css" rel="stylesheet">/);
      assert.match(html, /<html lang="es-ES"/);
      const config = JSON.parse(/<script id="__UI_CONFIG__" type="application\/json">(.*?)<\/script>/s.exec(html)![1]!);
      assert.deepEqual(config.locale, { lng: 'es-ES' });
      assert.equal(config.showWorkers, true);
      const css = await (await fetch(`${app.baseUrl}/admin/queues/fonts.css`, { headers: AUTH })).text();
      assert.match(css, /font-family: 'IBM Plex Sans'/);
      assert.match(css, /font-family: 'IBM Plex Mono'/);
      assert.doesNotMatch(css, /https?:/);
      const file = /url\((fonts\/ibm-plex-sans\/[^)]+\.woff2)\)/.exec(css)![1]!;
      const font = await fetch(`${app.baseUrl}/admin/queues/${file}`, { headers: AUTH });
      assert.equal(font.status, 200);
      assert.ok((await font.arrayBuffer()).byteLength > 1000);
      assert.equal((await fetch(`${app.baseUrl}/admin/queues/fonts/ibm-plex-sans/package.json`, { headers: AUTH })).status, 404);
      assert.equal((await fetch(`${app.baseUrl}/admin/queues/fonts/..%2Fpackage.json/x.woff2`, { headers: AUTH })).status, 404);
      assert.equal((await fetch(`${app.baseUrl}/admin/queues/fonts.css`)).status, 401);
    });

    it('a locale file asked for by a short or regional name is the one of the locale that speaks it', async () => {
      const enUS = await (await fetch(`${app.baseUrl}/admin/queues/static/locales/en-US/messages.json`, { headers: AUTH })).json();
      const en = await fetch(`${app.baseUrl}/admin/queues/static/locales/en/messages.json?v=9.10.1`, { headers: AUTH });
      assert.equal(en.status, 200);
      assert.deepEqual(await en.json(), enUS);
      const es = (await (await fetch(`${app.baseUrl}/admin/queues/static/locales/es-CO/messages.json`, { headers: AUTH })).json()) as { QUEUE: { STATUS: { COMPLETED: string } } };
      assert.equal(es.QUEUE.STATUS.COMPLETED, 'Completadas');
      assert.equal((await fetch(`${app.baseUrl}/admin/queues/static/locales/xx/messages.json`, { headers: AUTH })).status, 404);
    });

    it('a job whose operation is not in Postgres keeps its name', async () => {
      const queue = app.queues.queues[0]!;
      await queue.add('borrower.apply', { borrowerId: 'B-none', operationId: '0b7e1c9a-3f2d-4c1e-9a8b-7c6d5e4f3a2b' }, { jobId: '0b7e1c9a-3f2d-4c1e-9a8b-7c6d5e4f3a2b' });
      const res = await fetch(`${app.baseUrl}/admin/queues/api/queues?activeQueue=${queue.name}&status=waiting&page=1&jobsPerPage=10`, { headers: AUTH });
      const body = (await res.json()) as { queues: Array<{ name: string; jobs: Array<{ name: string; externalUrl?: unknown }> }> };
      const jobs = body.queues.find((q) => q.name === queue.name)!.jobs;
      assert.equal(jobs.length, 1);
      assert.equal(jobs[0]!.name, 'borrower.apply');
      assert.equal(jobs[0]!.externalUrl, undefined);
    });
  });
});

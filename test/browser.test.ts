import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { findChromium, NO_CHROMIUM, offMachine, openBrowser, type Browser } from './browser.js';
import { createLoanBody, QUEUE_BACKEND, skipFor, startSystem, type System } from './helpers.js';

// What a person sees, in Debian's Chromium driven by playwright-core: the API docs (/docs) and
// the queue dashboard (/admin/queues) of a running system, in English and in Spanish, with
// nothing fetched from another host. Runs on both queue backends (scripts/test.mjs).
const chromiumPath = findChromium();
const PARTITIONS = 2;
const DASHBOARD = { username: 'admin', password: 'test-dashboard' };
/** A bull-board translation key shown as it is (`QUEUE.STATUS.ALL`, `JOB.TABS.DATA`…). */
const RAW_KEY = /\b(?:QUEUE|JOB|DASHBOARD|MENU|SETTINGS|ERRORS|STATUS)\.[A-Z_.-]+\b/;

async function textOf(page: Page): Promise<string> {
  return page.locator('#root').innerText();
}

describe(`in a browser: /docs and /admin/queues (${QUEUE_BACKEND} queues)`, { skip: skipFor(chromiumPath ? false : NO_CHROMIUM) }, () => {
  let system: System;
  let operationId: string;
  let queueOfB1: string;
  before(async () => {
    // Workers in the server process and in a worker process of their own: two per partition.
    system = await startSystem({ serverWorkerConcurrency: 1, workers: 1, partitions: PARTITIONS });
    const created = await system.api.post('/v1/borrowers/B-browser/loans/L1/create?is_migration=true', createLoanBody());
    assert.equal(created.status, 202, JSON.stringify(created.body));
    operationId = created.body.operation_id;
    assert.equal((await system.api.waitForOperation(operationId)).status, 'succeeded');
    const { queues } = await system.queueView();
    queueOfB1 = queues.queueFor('B-browser').name;
  });
  after(async () => {
    await system?.stop();
  });

  const withBrowser = async (locale: string, run: (browser: Browser) => Promise<void>, credentials: { username: string; password: string } | null = DASHBOARD) => {
    const browser = await openBrowser({ executablePath: chromiumPath!, locale, credentials: credentials ?? undefined });
    try {
      await run(browser);
      assert.deepEqual(offMachine(browser.requests), [], 'every request the pages made stayed on this machine');
      assert.ok(browser.requests.length > 0, 'the requests were recorded');
    } finally {
      await browser.close();
    }
  };

  it('/docs lists every operation and webhook of the API', async () => {
    const spec = (await system.api.get('/openapi.json')).body as { paths: Record<string, Record<string, unknown>>; webhooks?: Record<string, Record<string, unknown>> };
    // Every route, then every webhook delivery (OpenAPI 3.1 `webhooks`: shown under its event type).
    const blocks = (entries: Record<string, Record<string, unknown>>) => Object.entries(entries)
      .flatMap(([path, ops]) => Object.keys(ops).filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m)).map((m) => `${m.toUpperCase()} ${path}`));
    const expected = [...blocks(spec.paths), ...blocks(spec.webhooks ?? {})].sort();
    await withBrowser('en-US', async ({ context }) => {
      const page = await context.newPage();
      await page.goto(`${system.baseUrl}/docs`);
      await page.locator('.opblock').first().waitFor();
      const shown = await page.locator('.opblock').evaluateAll((blocks) =>
        blocks.map((b) => `${b.querySelector('.opblock-summary-method')?.textContent?.trim()} ${b.querySelector('.opblock-summary-path')?.getAttribute('data-path')}`),
      );
      assert.deepEqual(shown.sort(), expected);
      assert.equal(await page.locator('.title').first().innerText().then((t) => t.includes('Loan')), true);
    });
  });

  it('/docs: "Try it out" with an API key submits an operation to the server', async () => {
    await withBrowser('en-US', async ({ context }) => {
      const page = await context.newPage();
      await page.goto(`${system.baseUrl}/docs`);
      await page.locator('.btn.authorize').first().click();
      await page.locator('.auth-container input').first().fill(system.apiKey!);
      await page.locator('.auth-btn-wrapper .authorize').click();
      await page.locator('.auth-btn-wrapper .btn-done').click();
      const block = page.locator('[id$="-create_loan"]');
      await block.locator('.opblock-summary').click();
      await block.locator('.try-out__btn').click();
      await block.locator('input[placeholder="borrower_id"]').fill('B-docs');
      await block.locator('input[placeholder="loan_id"]').fill('L-docs');
      await block.locator('.execute').click();
      const status = block.locator('.live-responses-table .response .response-col_status').first();
      await status.waitFor();
      const code = (await status.innerText()).trim();
      assert.match(code, /^20[02]$/, `${code}: ${await block.locator('.live-responses-table').innerText()}`);
    });
    const history = await system.api.get('/v1/borrowers/B-docs/get_status');
    assert.notEqual(history.status, 404, JSON.stringify(history.body));
    // Without the key, the same request is refused: the docs sent it.
    const refused = await fetch(`${system.baseUrl}/v1/borrowers/B-docs/get_status`);
    assert.equal(refused.status, 401);
  });

  for (const { locale, words } of [
    { locale: 'en-US', words: ['Queues', 'Completed', 'Failed'] },
    { locale: 'es-CO', words: ['Colas', 'Completadas', 'Fallidas'] },
  ]) {
    it(`the dashboard in ${locale}: every partition queue and the webhooks queue, labels in words`, async () => {
      await withBrowser(locale, async ({ context, requests }) => {
        const page = await context.newPage();
        const response = await page.goto(`${system.baseUrl}/admin/queues`);
        assert.equal(response?.status(), 200);
        // The overview is drawn once the translations and the queues have arrived.
        await page.getByText(new RegExp(`^${words[1]}$`, 'i')).first().waitFor();
        await page.getByText(/^webhooks$/).nth(1).waitFor();
        const text = await textOf(page);
        for (let p = 0; p < PARTITIONS; p++) assert.ok(text.includes(`ledger-p${p}`), `ledger-p${p} in ${text}`);
        assert.doesNotMatch(text, RAW_KEY);
        for (const word of words) assert.ok(text.toLowerCase().includes(word.toLowerCase()), `"${word}" in ${text}`);
        assert.ok(!requests.some((u) => u.pathname.includes('/static/locales/') && !/\/(en-US|es-ES)\//.test(u.pathname)), requests.map(String).join('\n'));
      });
    });
  }

  it('the dashboard shows the job of a submitted operation: its type, its outcome and a link to it', async () => {
    await withBrowser('es-ES', async ({ context }) => {
      const page = await context.newPage();
      await page.goto(`${system.baseUrl}/admin/queues/queue/${encodeURIComponent(queueOfB1)}?status=completed`);
      await page.getByText('create_loan · succeeded', { exact: false }).first().waitFor();
      const link = page.locator(`a[href="/v1/operations/${operationId}"]`);
      assert.equal(await link.count(), 1);
      const text = await textOf(page);
      assert.doesNotMatch(text, RAW_KEY);
      assert.ok(text.includes('Datos'), text);
    });
  });

  it(`the dashboard shows the workers as they are (${QUEUE_BACKEND === 'postgres' ? 'no count: Postgres cannot tell' : 'two per partition queue'})`, async () => {
    await withBrowser('en-US', async ({ context }) => {
      const page = await context.newPage();
      await page.goto(`${system.baseUrl}/admin/queues/queue/${encodeURIComponent(queueOfB1)}`);
      await page.locator('#root').getByText(queueOfB1).first().waitFor();
      await page.waitForLoadState('networkidle');
      assert.doesNotMatch(await textOf(page), /No workers|Nothing is consuming/);
      // The queue's info, as a person opens it.
      await page.locator('header svg.lucide-info').first().click();
      const info = page.getByRole('dialog');
      await info.getByText(queueOfB1).first().waitFor();
      // On Redis the row comes with the queue's workers, fetched once the dialog is open.
      if (QUEUE_BACKEND !== 'postgres') await info.getByText('Workers', { exact: true }).waitFor();
      await page.waitForLoadState('networkidle');
      const shown = await info.innerText();
      if (QUEUE_BACKEND === 'postgres') assert.doesNotMatch(shown, /Workers\s+\d|No workers/, shown);
      else assert.match(shown, /Workers\s+2\b/, shown);
      const { queues } = await system.queueView();
      for (const queue of queues.queues) {
        const res = await page.request.get(`${system.baseUrl}/admin/queues/api/queues/${encodeURIComponent(queue.name)}/workers`);
        const body = await res.json();
        if (QUEUE_BACKEND === 'postgres') {
          assert.notEqual(res.status(), 200, JSON.stringify(body));
        } else {
          assert.equal(res.status(), 200, JSON.stringify(body));
          assert.equal(body.workers.length, 2, `${queue.name}: ${JSON.stringify(body)}`);
        }
      }
    });
  });

  for (const credentials of [null, { username: 'admin', password: 'not-the-password' }]) {
    it(`the dashboard refuses a browser ${credentials ? 'with wrong credentials' : 'without its credentials'}`, async () => {
      await withBrowser('en-US', async ({ context }) => {
        const page = await context.newPage();
        // Chromium, headless, gives up on a Basic challenge it cannot answer: either way, no page.
        const outcome = await page.goto(`${system.baseUrl}/admin/queues`).then((r) => r?.status(), (e: Error) => e.message);
        assert.match(String(outcome), /^401$|ERR_INVALID_AUTH_CREDENTIALS/);
        for (const path of ['/admin/queues', '/admin/queues/api/queues', '/admin/queues/fonts.css']) {
          const res = await page.request.get(`${system.baseUrl}${path}`);
          assert.equal(res.status(), 401, path);
          assert.match(res.headers()['www-authenticate'] ?? '', /^Basic /);
        }
      }, credentials);
    });
  }
});

// `npm run docs:screenshots`: the pictures of docs/operations.md, taken from a running system
// (its own test database and queue prefix, Redis queues, a worker in the server process) in
// Debian's Chromium (CHROMIUM_PATH, else /usr/bin/chromium): /docs and its first operations, and
// /admin/queues on the partition queue of a submitted operation. Writes docs/images/*.png.
import { fileURLToPath } from 'node:url';
import { findChromium, NO_CHROMIUM, offMachine, openBrowser } from '../test/browser.js';
import { createLoanBody, startSystem } from '../test/helpers.js';

const out = (name: string) => fileURLToPath(new URL(`../docs/images/${name}`, import.meta.url));
const executablePath = findChromium();
if (!executablePath) {
  console.error(NO_CHROMIUM);
  process.exit(1);
}

const system = await startSystem({ serverWorkerConcurrency: 1, partitions: 4 });
try {
  for (const [borrower, loan] of [['B-1001', 'L1'], ['B-1002', 'L1'], ['B-1003', 'L7']] as const) {
    const created = await system.api.post(`/v1/borrowers/${borrower}/loans/${loan}/create?is_migration=true`, createLoanBody());
    if (created.status !== 202) throw new Error(`create_loan: ${created.status} ${JSON.stringify(created.body)}`);
    await system.api.waitForOperation(created.body.operation_id);
  }
  const { queues } = await system.queueView();
  const queue = queues.queueFor('B-1001').name;

  const browser = await openBrowser({ executablePath, locale: 'en-US', credentials: { username: 'admin', password: 'test-dashboard' } });
  try {
    const page = await browser.context.newPage();
    await page.goto(`${system.baseUrl}/docs`);
    await page.locator('.opblock').first().waitFor();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: out('docs-page.png') });
    await page.setViewportSize({ width: 1280, height: 720 });

    await page.goto(`${system.baseUrl}/admin/queues/queue/${encodeURIComponent(queue)}?status=completed`);
    await page.getByText('create_loan · succeeded').first().waitFor();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: out('dashboard.png') });
    // The queue's info: its workers among them (on Redis, the server's own consumer).
    await page.locator('header svg.lucide-info').first().click();
    await page.getByRole('dialog').getByText('Workers', { exact: true }).waitFor();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: out('dashboard-queue-info.png') });
    const elsewhere = offMachine(browser.requests);
    if (elsewhere.length > 0) throw new Error(`requests left the machine: ${elsewhere.join(' ')}`);
  } finally {
    await browser.close();
  }
  console.log('wrote docs/images/docs-page.png, dashboard.png and dashboard-queue-info.png');
} finally {
  await system.stop();
}

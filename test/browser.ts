import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/**
 * The Chromium the browser tests drive: CHROMIUM_PATH, else Debian's package
 * (`apt-get install chromium`, as `.ci/run` does). Undefined when there is none: the browser
 * tests are then skipped, saying so.
 */
export function findChromium(): string | undefined {
  const candidates = process.env.CHROMIUM_PATH ? [process.env.CHROMIUM_PATH] : ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((path) => existsSync(path));
}

export const NO_CHROMIUM = `no Chromium at ${process.env.CHROMIUM_PATH || '/usr/bin/chromium'}: install one (\`apt-get install chromium\`) or set CHROMIUM_PATH to run the browser tests (README, "The two commands")`;

/** Headless, and quiet: no sync, no component or field-trial downloads, no QUIC probing. */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  /** Every URL a page of this browser asked for, in order (documents, scripts, styles, fonts, API calls). */
  requests: URL[];
  close(): Promise<void>;
}

/** A fresh Chromium (its own user-data-dir) speaking `locale` (navigator.language and Accept-Language). */
export async function openBrowser(options: { executablePath: string; locale: string; credentials?: { username: string; password: string } }): Promise<Browser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'lsl-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: options.executablePath,
    headless: true,
    args: FLAGS,
    locale: options.locale,
    viewport: { width: 1280, height: 720 },
    httpCredentials: options.credentials,
    timezoneId: 'UTC',
  });
  const requests: URL[] = [];
  context.on('request', (request) => requests.push(new URL(request.url())));
  return {
    context,
    requests,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The hosts of `requests` that are not this machine (loopback), with their URLs. */
export function offMachine(requests: URL[]): string[] {
  const local = new Set(['127.0.0.1', 'localhost', '[::1]']);
  return requests.filter((url) => !['data:', 'blob:', 'about:'].includes(url.protocol) && !local.has(url.hostname)).map((url) => url.href);
}

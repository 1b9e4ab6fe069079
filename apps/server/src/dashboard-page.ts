import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Router, type RequestHandler } from 'express';
import { pickLocale } from './dashboard-locale.js';

/**
 * The fonts bull-board's page asks a Google host for (IBM Plex Sans 400/500/600, IBM Plex Mono
 * 400/500), served by the app from the `@fontsource` packages installed with it: the dashboard
 * works offline and no third party sees who opens it.
 */
const FONTS: Record<string, readonly number[]> = { 'ibm-plex-sans': [400, 500, 600], 'ibm-plex-mono': [400, 500] };
const FONT_FILE = /^[a-z0-9-]+\.woff2?$/;
const THIRD_PARTY_STYLESHEET = /<link\b[^>]*href="https?:\/\/[^"]*"[^>]*>/gi;

/** One stylesheet with every `@font-face` the page uses, its files under `fonts/<family>/`. */
function fontStylesheet(): { css: string; dirs: Map<string, string> } {
  const require = createRequire(import.meta.url);
  const dirs = new Map<string, string>();
  let css = '';
  for (const [family, weights] of Object.entries(FONTS)) {
    const dir = dirname(require.resolve(`@fontsource/${family}/package.json`));
    dirs.set(family, join(dir, 'files'));
    for (const weight of weights) css += readFileSync(join(dir, `${weight}.css`), 'utf8').replaceAll('url(./files/', `url(fonts/${family}/`);
  }
  return { css, dirs };
}

/** The fonts' stylesheet and files, relative to the dashboard's base path. */
export function dashboardFonts(): Router {
  const { css, dirs } = fontStylesheet();
  const router = Router();
  router.get('/fonts.css', (_req, res) => void res.type('text/css').set('Cache-Control', 'public, max-age=86400').send(css));
  router.get('/fonts/:family/:file', (req, res, next) => {
    const dir = dirs.get(req.params.family);
    if (!dir || !FONT_FILE.test(req.params.file)) return next();
    res.sendFile(join(dir, req.params.file), { maxAge: '30d' });
  });
  return router;
}

/**
 * bull-board's page, as each browser gets it: in the language its `Accept-Language` asks for
 * (an installed locale, `uiConfig.locale`; a language picked in the UI's own settings still
 * wins), and with the fonts' stylesheet of this app in place of the Google one. It wraps
 * `res.render` of the requests bull-board's page route answers.
 */
export function localizedPage(installed: readonly string[]): RequestHandler {
  return (req, res, next) => {
    const render = res.render.bind(res);
    res.render = ((view: string, params?: Record<string, unknown>) => {
      const lng = pickLocale(req.header('accept-language'), installed);
      const parsed: unknown = typeof params?.uiConfig === 'string' ? JSON.parse(params.uiConfig) : {};
      const config = typeof parsed === 'object' && parsed !== null ? parsed : {};
      const uiConfig = JSON.stringify({ ...config, locale: { lng } }).replace(/</g, '\\u003c').replace(/>/g, '\\u003e');
      render(view, { ...params, uiConfig }, (error: Error | null, html?: string) => {
        if (error || html === undefined) return next(error);
        const page = html
          .replace(THIRD_PARTY_STYLESHEET, '<link href="fonts.css" rel="stylesheet">')
          .replace(/<html lang="[^"]*"/, `<html lang="${lng}"`);
        res.type('html').send(page);
      });
    }) as typeof res.render;
    next();
  };
}

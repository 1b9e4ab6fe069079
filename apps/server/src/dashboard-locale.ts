import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RequestHandler } from 'express';

/**
 * The languages bull-board's UI is translated into: the folders of its `static/locales`
 * (`en-US`, `es-ES`, …), read from the installed package so an upgrade brings its own.
 */
export function installedLocales(uiDist: string): string[] {
  return readdirSync(join(uiDist, 'static', 'locales'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => (a === 'en-US' ? -1 : b === 'en-US' ? 1 : a.localeCompare(b)));
}

/**
 * The installed locale for one language tag: the same tag (any case), else the first locale of
 * the same language (`es-CO` → `es-ES`, `en` → `en-US`, `pt` → `pt-BR`); undefined when none
 * speaks it. `installed` lists `en-US` first, so English resolves to it.
 */
export function matchLocale(tag: string, installed: readonly string[]): string | undefined {
  const wanted = tag.trim().toLowerCase();
  if (!/^[a-z]{2,3}(-[a-z0-9]{1,8})*$/.test(wanted)) return undefined;
  const exact = installed.find((l) => l.toLowerCase() === wanted);
  if (exact) return exact;
  const language = wanted.split('-')[0];
  return installed.find((l) => l.toLowerCase().split('-')[0] === language);
}

/**
 * The locale the dashboard speaks to a browser, from its `Accept-Language` header: the first
 * language, by quality, that an installed locale speaks; English (`en-US`) otherwise.
 */
export function pickLocale(acceptLanguage: string | undefined, installed: readonly string[]): string {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, order) => {
      const [tag = '', ...params] = part.split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q === undefined ? 1 : Number(q.slice(2));
      return { tag: tag.trim(), quality: Number.isFinite(quality) ? quality : 0, order };
    })
    .filter((entry) => entry.tag !== '' && entry.tag !== '*' && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.order - b.order);
  for (const { tag } of ranked) {
    const locale = matchLocale(tag, installed);
    if (locale) return locale;
  }
  return 'en-US';
}

/**
 * `static/locales/<tag>/messages.json` for a tag the UI asks for that is not a folder of its
 * own (`en`, `es`, `es-CO`, after a language picked in the UI's settings or a browser's bare
 * language): the file of the installed locale that speaks it, instead of a 404 that would
 * leave every label a raw translation key. Installed folders are served as they are, by the
 * static route behind this one.
 */
export function localeAliases(uiDist: string, installed: readonly string[]): RequestHandler {
  return (req, res, next) => {
    const match = /^\/static\/locales\/([^/]+)\/messages\.json$/.exec(req.path);
    if (!match || installed.includes(match[1]!)) return next();
    const locale = matchLocale(match[1]!, installed);
    if (!locale) return next();
    res.type('application/json').sendFile(join(uiDist, 'static', 'locales', locale, 'messages.json'), { maxAge: '1h' });
  };
}

import { LOCALES, type Locale } from '@ctlp/contracts';

/** Set by the web app whenever its language changes (src/i18n.ts): the server cannot read localStorage. */
export const LOCALE_COOKIE = 'ctlp.locale';

const isLocale = (value: string | undefined): value is Locale => (LOCALES as readonly string[]).includes(value ?? '');

/** A cookie's value from a Cookie header (no decoding needed: our values are plain tokens). */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/**
 * The language to render a page in: the visitor's choice (the `ctlp.locale` cookie), else the
 * first of their browser's languages (Accept-Language, by weight) that the platform speaks, else
 * English — what the web app's own detection would pick.
 */
export function pageLocale(cookieHeader: string | undefined, acceptLanguage: string | undefined): Locale {
  const chosen = cookieValue(cookieHeader, LOCALE_COOKIE);
  if (isLocale(chosen)) return chosen;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((entry, index) => {
      const [tag = '', ...parameters] = entry.trim().split(';');
      const weight = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { language: tag.trim().toLowerCase().split('-')[0], q: weight ? Number(weight.slice(2)) : 1, index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.map((entry) => entry.language).find(isLocale) ?? 'en';
}

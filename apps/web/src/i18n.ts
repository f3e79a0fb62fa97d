import i18next from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import resourcesToBackend from 'i18next-resources-to-backend';
import { initReactI18next } from 'react-i18next';
import { LOCALES, RTL_LOCALES, type Locale } from '@ctlp/contracts';

/** Each language's catalog is its own chunk, fetched only when that language is chosen. */
const catalogs = import.meta.glob<{ default: Record<string, unknown> }>('./locales/*/*.json');

export const LANGUAGE_NAMES: Record<Locale, string> = {
  ar: 'العربية',
  zh: '中文',
  en: 'English',
  fr: 'Français',
  ru: 'Русский',
  es: 'Español',
};

/** Where the server's renderer says which language the page it is rendering is in (see entry-server.tsx). */
let serverLocale: (() => Locale | undefined) | undefined;
export function setServerLocale(source: () => Locale | undefined): void {
  serverLocale = source;
}

export function currentLocale(): Locale {
  // On the server the global i18next is never set up: each render has its own instance.
  const rendering = serverLocale?.();
  if (rendering) return rendering;
  const language = i18next.resolvedLanguage ?? i18next.language;
  return (LOCALES as readonly string[]).includes(language) ? (language as Locale) : 'en';
}

/** The cookie that tells the server which language to render public pages in (it cannot read localStorage), and the stored choice's key. */
export const LOCALE_COOKIE = 'ctlp.locale';

export const isRtl = (language: string) => RTL_LOCALES.includes(language as Locale);

function applyDirection(language: string): void {
  document.documentElement.lang = language;
  document.documentElement.dir = isRtl(language) ? 'rtl' : 'ltr';
  if ((LOCALES as readonly string[]).includes(language)) {
    document.cookie = `${LOCALE_COOKIE}=${language}; Path=/; Max-Age=31536000; SameSite=Lax`;
  }
}

/** Catalogs by language and namespace (the server's renderer holds them all, entry-server.tsx). */
export type Resources = Record<string, Record<string, Record<string, unknown>>>;

/** Starts i18next in the stored or the browser's language; each catalog is fetched when first needed. */
export async function initI18n(): Promise<void> {
  i18next.on('languageChanged', applyDirection);
  await i18next
    .use(LanguageDetector)
    .use(resourcesToBackend((language: string, namespace: string) => catalogs[`./locales/${language}/${namespace}.json`]!()))
    .use(initReactI18next)
    .init({
      supportedLngs: [...LOCALES],
      fallbackLng: 'en',
      nonExplicitSupportedLngs: true,
      load: 'languageOnly',
      // 'common' loads with the shell; 'courses' only when a course page is opened.
      ns: ['common'],
      defaultNS: 'common',
      fallbackNS: 'common',
      interpolation: { escapeValue: false },
      detection: { order: ['localStorage', 'navigator'], caches: ['localStorage'], lookupLocalStorage: LOCALE_COOKIE },
      react: { useSuspense: true },
    });
  applyDirection(currentLocale());
}

/**
 * A lazy page's code together with its translation catalogs, so the route renders once both are
 * here. Otherwise the page suspends on its catalog after the layout is drawn, and the layout's
 * "Loading" line then gives way to the page, moving the footer (layout shift).
 */
export async function withCatalogs<T>(page: Promise<T>, namespaces: string[]): Promise<T> {
  // The server's renderer holds every catalog already (entry-server.tsx).
  if (typeof document === 'undefined') return page;
  const [module] = await Promise.all([page, i18next.loadNamespaces(namespaces)]);
  return module;
}

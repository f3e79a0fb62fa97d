import { intlLocale } from '@ctlp/contracts';

/*
 * Every formatter of numbers, dates, lists and names in the web app is made here, with the locale
 * `intlLocale` gives: one numbering system per language, so a card never shows ٤٥ beside 2026.
 * A test (test/intl.spec.ts) fails when `new Intl.…` or `toLocaleString` appears anywhere else.
 */

export const numberFormat = (language: string, options?: Intl.NumberFormatOptions) => new Intl.NumberFormat(intlLocale(language), options);

export const dateFormat = (language: string, options?: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat(intlLocale(language), options);

export const listFormat = (language: string, options?: Intl.ListFormatOptions) => new Intl.ListFormat(intlLocale(language), options);

/** A language's name in the reader's language ("الإنجليزية" for "en" to an Arabic reader); the code when unknown. */
export function languageName(language: string, code: string): string {
  try {
    return new Intl.DisplayNames(intlLocale(language), { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * The one numbering system the platform writes numbers in, whatever the language: the Western
 * digits 0–9 (CLDR "latn"). Arabic gets them too, as United Nations Arabic documents write them
 * ("25 أيلول/سبتمبر 2015"), and because the numbers an Arabic reader meets beside ours are
 * Western anyway: serials (CTLP-2026-000002), codes, addresses, counts inside translated
 * sentences and titles written by trainers. Left to itself `Intl` writes Arabic-Indic digits
 * (٤٥) for "ar", which put two digit systems on one card.
 */
export const NUMBERING_SYSTEM = 'latn';

/**
 * The BCP 47 locale every `Intl` formatter is given for a language tag: the tag with its region
 * kept ("en-GB" stays British) and the numbering system made explicit ("ar" → "ar-u-nu-latn").
 * A tag `Intl` cannot read falls back to English.
 */
export function intlLocale(language: string | undefined): string {
  try {
    return new Intl.Locale(language || 'en', { numberingSystem: NUMBERING_SYSTEM }).toString();
  } catch {
    return `en-u-nu-${NUMBERING_SYSTEM}`;
  }
}

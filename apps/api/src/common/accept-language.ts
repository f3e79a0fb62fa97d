import { LOCALES, type Locale } from '@ctlp/contracts';

/**
 * The first of the platform's six languages that an Accept-Language header asks for, by its
 * q-values (RFC 9110: `fr-CA,fr;q=0.9,en;q=0.8`; a region or script is read as its language:
 * `zh-Hans` is zh), or undefined when it names none of them.
 */
export function preferredLocale(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .slice(0, 1000)
    .split(',')
    .map((part, index) => {
      const [range = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined);
      return { language: range.trim().toLowerCase().split('-')[0]!, q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.q > 0 && (LOCALES as readonly string[]).includes(entry.language))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked[0]?.language as Locale | undefined;
}

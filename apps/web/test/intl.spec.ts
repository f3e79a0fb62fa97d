import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { intlLocale } from '@ctlp/contracts';
import { dateFormat, languageName, numberFormat } from '../src/intl';
import { formatDuration } from '../src/features/courses/duration';

const SRC = path.resolve(import.meta.dirname, '../src');
const ARABIC_INDIC = /[\u0660-\u0669\u06f0-\u06f9]/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

describe('one digit system per language', () => {
  it('gives every language the Western digits, keeping its region', () => {
    expect(intlLocale('ar')).toBe('ar-u-nu-latn');
    expect(intlLocale('en-GB')).toBe('en-GB-u-nu-latn');
    expect(intlLocale('ar-EG-u-nu-arab')).toBe('ar-EG-u-nu-latn');
    expect(intlLocale('not a tag')).toBe('en-u-nu-latn');
    expect(numberFormat('ar').format(1234567)).not.toMatch(ARABIC_INDIC);
    expect(dateFormat('ar', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date('2026-12-31T00:00:00Z'))).toBe('31 ديسمبر 2026');
    expect(formatDuration(45, 'ar')).toMatch(/^45 /);
  });

  it('names a language in the reader’s language', () => {
    expect(languageName('ar', 'en')).toBe('الإنجليزية');
    expect(languageName('fr', 'en')).toBe('anglais');
    expect(languageName('en', 'zh')).toBe('Chinese');
  });

  it('makes every formatter in src/intl.ts, nowhere else', () => {
    // A raw formatter would take the language's own digits ("ar" writes ٤٥) and mix them with ours.
    const raw =
      /new Intl\.(NumberFormat|DateTimeFormat|ListFormat|PluralRules|DisplayNames|RelativeTimeFormat)\b|\.toLocale(String|DateString|TimeString)\(/;
    const offenders = sources(SRC)
      .filter((file) => path.relative(SRC, file) !== 'intl.ts')
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .map((line, index) => ({ line, where: `${path.relative(SRC, file)}:${index + 1}` }))
          .filter(({ line }) => raw.test(line))
          .map(({ where, line }) => `${where}: ${line.trim()}`),
      );
    expect(offenders).toEqual([]);
  });
});

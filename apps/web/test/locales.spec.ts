import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AGENCY_TYPES, GENDERS, ROLES, USER_STATUSES } from '@ctlp/contracts';

// Keys built from a value, t(`roles.${role}`), are checked against the shared vocabularies.
const VOCABULARIES: Record<string, readonly string[]> = {
  roles: ROLES,
  statuses: USER_STATUSES,
  agencyTypes: AGENCY_TYPES,
  genders: GENDERS,
};

const SRC = path.resolve(import.meta.dirname, '../src');
const LOCALES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'];

type Catalog = { [key: string]: string | Catalog };

function flatten(catalog: Catalog, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalog)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

const catalog = (locale: string) => flatten(JSON.parse(readFileSync(path.join(SRC, 'locales', locale, 'common.json'), 'utf8')));
const english = catalog('en');
const placeholders = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(path.join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [path.join(dir, entry.name)] : [],
  );
}

describe('translation catalogs', () => {
  it.each(LOCALES.filter((l) => l !== 'en'))('%s has every English key, no other, none empty, same placeholders', (locale) => {
    const translated = catalog(locale);
    expect([...translated.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, text] of translated) {
      expect({ key, empty: text.trim() === '' }).toEqual({ key, empty: false });
      expect({ key, placeholders: placeholders(text) }).toEqual({ key, placeholders: placeholders(english.get(key)!) });
    }
  });

  it('has an English text for every key the interface asks for', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(SRC)) {
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/\bt\(\s*'([\w.]+)'/g)) used.add(match[1]!);
      for (const match of source.matchAll(/\bt\(\s*`([\w]+)\.\$\{/g)) {
        expect(Object.keys(VOCABULARIES)).toContain(match[1]);
      }
    }
    const missing = [...used].filter((key) => !english.has(key));
    expect(missing).toEqual([]);
  });

  it('names every value of the vocabularies the interface shows (`roles.${role}` and the like)', () => {
    for (const [prefix, values] of Object.entries(VOCABULARIES)) {
      expect(values.filter((value) => !english.has(`${prefix}.${value}`))).toEqual([]);
    }
  });
});

import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  ACTIVITY_DELIVERIES,
  ACTIVITY_KINDS,
  ACTIVITY_STATUSES,
  AGENCY_TYPES,
  CERTIFICATE_STATUSES,
  COURSE_STATUSES,
  TRANSLATION_STATUSES,
  M49_REGIONS,
  ENROLMENT_POLICIES,
  ENROLMENT_STATUSES,
  ERROR_CODES,
  FIELD_ERROR_CODES,
  GENDERS,
  LESSON_KINDS,
  PARTICIPANT_ROLES,
  QUESTION_TYPES,
  ROLES,
  TOPICS,
  USER_STATUSES,
  VIDEO_RENDITIONS,
  VIDEO_SOURCES,
} from '@ctlp/contracts';

// Keys built from a value, t(`roles.${role}`), are checked against the shared vocabularies.
const VOCABULARIES: Record<string, readonly string[]> = {
  roles: ROLES,
  statuses: USER_STATUSES,
  agencyTypes: AGENCY_TYPES,
  genders: GENDERS,
  enrolmentPolicies: ENROLMENT_POLICIES,
  enrolmentStatuses: ENROLMENT_STATUSES,
  courseStatuses: COURSE_STATUSES,
  translationStatuses: TRANSLATION_STATUSES,
  lessonKinds: LESSON_KINDS,
  videoRenditions: VIDEO_RENDITIONS,
  'lessonEditor.rendition': VIDEO_RENDITIONS,
  'lessonEditor.renditionHint': VIDEO_RENDITIONS,
  'lessonEditor.source': VIDEO_SOURCES,
  questionTypes: QUESTION_TYPES,
  certificateStatuses: CERTIFICATE_STATUSES,
  verifyStatuses: CERTIFICATE_STATUSES,
  regions: M49_REGIONS,
  activityKinds: ACTIVITY_KINDS,
  deliveries: ACTIVITY_DELIVERIES,
  activityStatuses: ACTIVITY_STATUSES,
  participantRoles: PARTICIPANT_ROLES,
  topics: TOPICS,
  importOutcomes: ['added', 'updated', 'unchanged'],
  importOutcomesDryRun: ['added', 'updated', 'unchanged'],
  errors: ERROR_CODES,
  fieldErrors: FIELD_ERROR_CODES,
  reportColumns: [
    'officialsTrained',
    'female',
    'male',
    'other',
    'undisclosed',
    'enrolments',
    'completions',
    'certificates',
    'activities',
    'participants',
    'participantDays',
  ],
  reportCharts: ['completions', 'activities', 'participantDays'],
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

// Each namespace is a file: common.json loads with the shell, courses.json with the course pages.
const NAMESPACES = readdirSync(path.join(SRC, 'locales', 'en')).map((file) => file.replace(/\.json$/, ''));
const catalog = (locale: string, namespace: string) =>
  flatten(JSON.parse(readFileSync(path.join(SRC, 'locales', locale, `${namespace}.json`), 'utf8')));
/** Every English key of every namespace: a page finds common keys through fallbackNS. */
const english = new Map(NAMESPACES.flatMap((namespace) => [...catalog('en', namespace)]));
const placeholders = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(path.join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [path.join(dir, entry.name)] : [],
  );
}

describe('translation catalogs', () => {
  const pairs = LOCALES.filter((l) => l !== 'en').flatMap((locale) => NAMESPACES.map((namespace) => [locale, namespace] as const));
  it.each(pairs)('%s/%s has every English key, no other, none empty, same placeholders', (locale, namespace) => {
    const source = catalog('en', namespace);
    const translated = catalog(locale, namespace);
    expect([...translated.keys()].sort()).toEqual([...source.keys()].sort());
    for (const [key, text] of translated) {
      expect({ key, empty: text.trim() === '' }).toEqual({ key, empty: false });
      expect({ key, placeholders: placeholders(text) }).toEqual({ key, placeholders: placeholders(source.get(key)!) });
    }
  });

  // The interface writes numbers with Western digits in every language (intl.ts); a catalog's own
  // digits must agree, or a page shows two digit systems side by side.
  it.each(NAMESPACES)('ar/%s writes its numbers with the digits the interface uses', (namespace) => {
    const mixed = [...catalog('ar', namespace)].filter(([, text]) => /[\u0660-\u0669\u06f0-\u06f9]/.test(text)).map(([key]) => key);
    expect(mixed).toEqual([]);
  });

  it('has no key in two namespaces, so a page never gets the wrong one', () => {
    const seen = NAMESPACES.flatMap((namespace) => [...catalog('en', namespace).keys()]);
    expect(seen.filter((key, index) => seen.indexOf(key) !== index)).toEqual([]);
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

  // The API answers with codes only people-facing text is made from (DESIGN.md, "Errors people
  // can read"): a code added to @ctlp/contracts fails here until every language says it.
  it.each(LOCALES)('%s says every error code and field error code of the API', (locale) => {
    const common = catalog(locale, 'common');
    const missing = [...ERROR_CODES.map((code) => `errors.${code}`), ...FIELD_ERROR_CODES.map((code) => `fieldErrors.${code}`)].filter(
      (key) => !common.get(key)?.trim(),
    );
    expect(missing).toEqual([]);
  });

  it('names every value of the vocabularies the interface shows (`roles.${role}` and the like)', () => {
    for (const [prefix, values] of Object.entries(VOCABULARIES)) {
      expect(values.filter((value) => !english.has(`${prefix}.${value}`))).toEqual([]);
    }
  });
});

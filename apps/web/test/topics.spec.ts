import { describe, expect, it } from '@jest/globals';
import i18next from 'i18next';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TOPICS } from '@ctlp/contracts';
import { humaniseSlug, topicLabel, topicsByLabel } from '../src/components/topics';

const LOCALES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'];
const common = (locale: string) =>
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../src/locales', locale, 'common.json'), 'utf8')) as {
    topics?: Record<string, string>;
  };

const i18n = i18next.createInstance();
await i18n.init({
  lng: 'en',
  fallbackLng: false,
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  resources: Object.fromEntries(LOCALES.map((locale) => [locale, { common: common(locale) }])),
});

describe('topic labels', () => {
  // No fallback to English above: a topic a language lacks would come back as its key.
  it.each(LOCALES)('%s names every topic of the vocabulary, each differently', (locale) => {
    const t = i18n.getFixedT(locale);
    const labels = TOPICS.map((topic) => topicLabel(t, topic));
    expect(TOPICS.filter((topic) => !common(locale).topics?.[topic]?.trim())).toEqual([]);
    expect(labels.filter((label) => label.startsWith('topics.'))).toEqual([]);
    expect(new Set(labels).size).toBe(TOPICS.length);
    expect(Object.keys(common(locale).topics ?? {}).sort()).toEqual([...TOPICS].sort());
  });

  it('says a topic in the reader’s language, never its code', () => {
    expect(topicLabel(i18n.getFixedT('en'), 'legal-framework')).toBe('Legal framework');
    expect(topicLabel(i18n.getFixedT('ar'), 'legal-framework')).toBe('الإطار القانوني');
    expect(topicLabel(i18n.getFixedT('fr'), 'financing')).toBe('Financement du terrorisme');
    expect(topicLabel(i18n.getFixedT('zh'), 'border-security')).toBe('边境安全');
  });

  it('humanises a slug kept from before the vocabulary', () => {
    expect(topicLabel(i18n.getFixedT('ar'), 'counter-narratives')).toBe('Counter narratives');
    expect(humaniseSlug('legal-framework')).toBe('Legal framework');
    expect(humaniseSlug('cyber_security ')).toBe('Cyber security');
    expect(humaniseSlug('')).toBe('');
  });

  it('lists every topic once, in the order of its labels in the reader’s language', () => {
    const english = topicsByLabel(i18n.getFixedT('en'), 'en');
    expect(english.map((entry) => entry.topic).sort()).toEqual([...TOPICS].sort());
    expect(english[0]).toEqual({ topic: 'border-security', label: 'Border security' });
    const russian = topicsByLabel(i18n.getFixedT('ru'), 'ru').map((entry) => entry.label);
    expect(russian).toEqual([...russian].sort(new Intl.Collator('ru').compare));
  });
});

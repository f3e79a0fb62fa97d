import { describe, expect, it } from '@jest/globals';
import { LOCALES } from '@ctlp/contracts';
import { MAIL_MESSAGES } from './messages.js';
import { catalogKeys, renderMail, translate } from './templates.js';

describe('mail catalogs', () => {
  it.each(LOCALES.filter((locale) => locale !== 'en'))('say in %s everything they say in English', (locale) => {
    const missing = catalogKeys('en').filter((key) => !catalogKeys(locale).includes(key));
    expect(missing).toEqual([]);
  });

  it.each(LOCALES)('fill every placeholder of every message in %s', (locale) => {
    const params = {
      name: 'Amina',
      url: 'http://ctlp.test/x',
      hours: 48,
      reason: 'r',
      course: 'c',
      serial: 's',
      count: 3,
      date: 'd',
      state: 'Kenya',
    };
    for (const [name, definition] of Object.entries(MAIL_MESSAGES)) {
      const mail = renderMail(name, definition, locale, params);
      expect(mail.text).not.toMatch(/\{\{|\}\}/);
      expect(mail.subject.length).toBeGreaterThan(0);
    }
  });

  it('falls back to English for a key a language lacks, and refuses one nobody has', () => {
    expect(translate('fr', 'confirm_email.subject')).toBe('Confirmez votre adresse électronique');
    expect(() => translate('fr', 'confirm_email.no_such_key')).toThrow(/no confirm_email.no_such_key/);
  });
});

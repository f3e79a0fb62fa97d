import { describe, expect, it } from '@jest/globals';
import { LOCALES } from '@ctlp/contracts';
import { MAIL_MESSAGES, mailAge, mailDate, mailNumber, type MailMessageName } from './messages.js';
import { renderMail } from './templates.js';

/** Each message with every parameter it is sent with: each must show in every language. */
const SENT_WITH: Record<Exclude<MailMessageName, 'confirm_email'>, Record<string, string>> = {
  password_reset: { name: 'Amina Haddad', url: 'http://ctlp.test/reset-password?token=abc', minutes: '60' },
  registration_approved: { name: 'Amina Haddad', url: 'http://ctlp.test/courses' },
  registration_rejected: {
    name: 'Amina Haddad',
    reason: 'Personal address: please use your ministry one',
    url: 'http://ctlp.test/register',
  },
  pending_registrations: {
    name: 'Amina Haddad',
    state: 'Kenya',
    count: '7',
    age: '5 days ago',
    date: '26 November 2026',
    url: 'http://ctlp.test/vetting',
  },
  certificate_issued: {
    name: 'Amina Haddad',
    course: 'Mutual legal assistance',
    serial: 'CTLP-2026-000123',
    verifyUrl: 'http://ctlp.test/verify/abc',
    url: 'http://ctlp.test/certificates',
  },
  certificate_expiring: {
    name: 'Amina Haddad',
    course: 'Mutual legal assistance',
    serial: 'CTLP-2026-000123',
    date: '31 December 2026',
    url: 'http://ctlp.test/courses/mla',
  },
  course_invitation: { name: 'Amina Haddad', course: 'Mutual legal assistance', url: 'http://ctlp.test/courses/mla' },
};

describe('mail messages', () => {
  it.each(LOCALES)('say in %s everything they are given, in both the text and the HTML', (locale) => {
    for (const [name, params] of Object.entries(SENT_WITH)) {
      const mail = renderMail(name, MAIL_MESSAGES[name as MailMessageName], locale, params);
      for (const value of Object.values(params)) {
        expect({ name, value, inText: mail.text.includes(value) }).toEqual({ name, value, inText: true });
        expect({ name, value, inHtml: mail.html.includes(value) }).toEqual({ name, value, inHtml: true });
      }
    }
  });

  it.each(LOCALES.filter((locale) => locale !== 'en'))('are translated into %s, not English left in place', (locale) => {
    for (const [name, params] of Object.entries(SENT_WITH)) {
      const definition = MAIL_MESSAGES[name as MailMessageName];
      const english = renderMail(name, definition, 'en', params);
      const translated = renderMail(name, definition, locale, params);
      expect(translated.subject).not.toBe(english.subject);
      const englishLines = new Set(english.text.split('\n').filter((line) => line.length > 20));
      expect(translated.text.split('\n').filter((line) => englishLines.has(line))).toEqual([]);
    }
  });

  it('writes dates, counts and ages in the recipient’s language', () => {
    const day = new Date('2026-12-31T23:30:00Z');
    expect(mailDate('en', day)).toBe('31 December 2026');
    expect(mailDate('fr', day)).toBe('31 décembre 2026');
    expect(mailDate('es', day)).toBe('31 de diciembre de 2026');
    expect(mailDate('ru', day)).toBe('31 декабря 2026 г.');
    expect(mailDate('zh', day)).toBe('2026年12月31日');
    expect(mailDate('ar', day)).toContain('ديسمبر');
    expect(mailNumber('fr', 1234)).toBe('1\u202f234');
    const now = new Date('2026-12-06T06:00:00Z');
    expect(mailAge('en', new Date('2026-12-01T07:00:00Z'), now)).toBe('4 days ago');
    expect(mailAge('en', new Date('2026-12-05T05:00:00Z'), now)).toBe('yesterday');
    expect(mailAge('en', new Date('2026-12-06T05:00:00Z'), now)).toBe('today');
    expect(mailAge('ru', new Date('2026-12-01T05:00:00Z'), now)).toBe('5 дней назад');
    expect(mailAge('fr', new Date('2026-12-04T05:00:00Z'), now)).toBe('avant-hier');
  });
});

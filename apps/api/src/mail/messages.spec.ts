import { describe, expect, it } from '@jest/globals';
import { LOCALES } from '@ctlp/contracts';
import { MAIL_MESSAGES, mailAge, mailDate, mailDays, mailNumber, type MailMessageName } from './messages.js';
import { renderMail } from './templates.js';

/** Each message with every parameter it is sent with: each must show in every language. */
const SENT_WITH: Record<Exclude<MailMessageName, 'confirm_email'>, Record<string, string>> = {
  password_reset: { name: 'Amina Haddad', url: 'http://ctlp.test/reset-password?token=abc', minutes: '60' },
  registration_attempt: { name: 'Amina Haddad', url: 'http://ctlp.test/login' },
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
  participation_certificate_issued: {
    name: 'Amina Haddad',
    activity: 'Regional workshop on terrorist financing',
    days: '1 – 3 December 2026',
    place: 'Nairobi, Kenya',
    serial: 'CTLP-2026-000124',
    verifyUrl: 'http://ctlp.test/verify/def',
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
    // One digit system with the serials and addresses beside them: Western digits in Arabic too.
    expect(mailDate('ar', day)).toMatch(/^31 ديسمبر 2026$/);
    expect(mailNumber('ar', 1234)).toMatch(/^1.?234$/);
    expect(mailDays('ar', '2026-12-01', '2026-12-03')).not.toMatch(/[\u0660-\u0669\u06f0-\u06f9]/);
    expect(mailNumber('fr', 1234)).toBe('1\u202f234');
    const now = new Date('2026-12-06T06:00:00Z');
    expect(mailAge('en', new Date('2026-12-01T07:00:00Z'), now)).toBe('4 days ago');
    expect(mailAge('en', new Date('2026-12-05T05:00:00Z'), now)).toBe('yesterday');
    expect(mailAge('en', new Date('2026-12-06T05:00:00Z'), now)).toBe('today');
    expect(mailAge('ru', new Date('2026-12-01T05:00:00Z'), now)).toBe('5 дней назад');
    expect(mailAge('fr', new Date('2026-12-04T05:00:00Z'), now)).toBe('avant-hier');
  });

  it('tell a participant what they took part in, when and where, not that they completed a course', () => {
    const params = {
      name: 'Amina Haddad',
      activity: 'Regional workshop',
      days: '1 – 3 December 2026',
      serial: 'CTLP-2026-000124',
      verifyUrl: 'http://ctlp.test/verify/def',
      url: 'http://ctlp.test/certificates',
    };
    const definition = MAIL_MESSAGES.participation_certificate_issued;
    const held = renderMail('participation_certificate_issued', definition, 'en', { ...params, place: 'Nairobi, Kenya' });
    expect(held.text).toContain('taking part in “Regional workshop”, 1 – 3 December 2026, in Nairobi, Kenya.');
    expect(held.text).not.toMatch(/course/i);
    const online = renderMail('participation_certificate_issued', definition, 'fr', { ...params, place: null });
    expect(online.text).toContain('en ligne');
    expect(online.text).not.toContain('{{');
  });

  it('write an activity’s days as one range in the recipient’s language, one day when it is one', () => {
    expect(mailDays('en', '2026-12-01', '2026-12-03')).toMatch(/^1\s?–\s?3 December 2026$/);
    expect(mailDays('en', '2026-11-30', '2026-12-03')).toMatch(/^30 November\s?–\s?3 December 2026$/);
    expect(mailDays('fr', '2026-12-01', '2026-12-01')).toBe('1 décembre 2026');
    expect(mailDays('ru', '2026-12-01', '2026-12-03')).toContain('декабря');
  });
});

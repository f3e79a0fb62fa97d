import { intlLocale as withDigits, type Locale } from '@ctlp/contracts';
import type { MailTemplate } from './templates.js';

/**
 * Every message the platform sends: its name, and what it says from its catalog section
 * (`locales/<language>.json`, section of the same name) and its parameters. `url` parameters are
 * links on PUBLIC_URL. Dates, counts and ages reach a message already written in the recipient's
 * language (`mailDate`, `mailNumber`, `mailAge` below), so no catalog has to spell a plural.
 */
export const MAIL_MESSAGES = {
  /** After registering: the link that confirms the address (params: name, url, hours). */
  confirm_email: (t, p) => ({
    subject: t('subject'),
    paragraphs: [t('intro'), t('expiry')],
    action: { label: t('action'), url: String(p.url) },
  }),

  /** A password reset was asked for: the single-use link (params: name, url, minutes). */
  password_reset: (t, p) => ({
    subject: t('subject'),
    paragraphs: [t('intro'), t('expiry'), t('sessions')],
    action: { label: t('action'), url: String(p.url) },
  }),

  /**
   * Someone registered with an address that already has an account: its owner is told, and
   * pointed at signing in or a reset, instead of the registration saying the address is taken
   * (params: name, url — the sign-in page).
   */
  registration_attempt: (t, p) => ({
    subject: t('subject'),
    paragraphs: [t('intro'), t('signIn'), t('ignore')],
    action: { label: t('action'), url: String(p.url) },
  }),

  /** A focal point or admin approved the registration (params: name, url — the catalog). */
  registration_approved: (t, p) => ({
    subject: t('subject'),
    paragraphs: [t('intro'), t('next')],
    action: { label: t('action'), url: String(p.url) },
  }),

  /** A focal point or admin rejected the registration (params: name, reason, url — the registration page). */
  registration_rejected: (t, p) => ({
    subject: t('subject'),
    paragraphs: [t('intro'), t('reason'), t('again')],
    action: { label: t('action'), url: String(p.url) },
  }),

  /**
   * The daily digest of a focal point whose State has registrations waiting (params: name, state,
   * count, age — how long ago the oldest came, date — its day, url — the vetting queue).
   */
  pending_registrations: (t, p) => ({
    subject: t('subject'),
    paragraphs: [t('intro'), t('oldest'), t('why')],
    action: { label: t('action'), url: String(p.url) },
  }),

  /**
   * A completion issued a certificate (params: name, course, serial, verifyUrl — the public
   * verification page, url — My certificates).
   */
  certificate_issued: (t, p) => ({
    subject: t('subject'),
    paragraphs: [t('intro'), t('serial'), t('verify'), t('download')],
    action: { label: t('action'), url: String(p.url) },
  }),

  /**
   * A closed training activity issued the participant's certificate of participation (params:
   * name, activity, days — its dates in the recipient's words, place — city and State in the
   * recipient's language, absent when it was held online, serial, verifyUrl, url — My certificates).
   */
  participation_certificate_issued: (t, p) => ({
    subject: t('subject'),
    paragraphs: [p.place ? t('intro') : t('introOnline'), t('serial'), t('verify'), t('download')],
    action: { label: t('action'), url: String(p.url) },
  }),

  /** A certificate expires within 30 days (params: name, course, serial, date, url — the course page, where "Take it again" appears once it has expired). */
  certificate_expiring: (t, p) => ({
    subject: t('subject'),
    paragraphs: [t('intro'), t('renew')],
    action: { label: t('action'), url: String(p.url) },
  }),

  /** A trainer enrolled the official in a course (params: name, course, url — the course page). */
  course_invitation: (t, p) => ({
    subject: t('subject'),
    paragraphs: [t('intro'), t('start')],
    action: { label: t('action'), url: String(p.url) },
  }),
} satisfies Record<string, MailTemplate>;

export type MailMessageName = keyof typeof MAIL_MESSAGES;

/**
 * The Intl locale a mail is written in: UN English is British ("31 December 2026"), and every
 * language writes the platform's one set of digits (Arabic too: "31 ديسمبر 2026", as the web app).
 */
const intlLocale = (locale: Locale): string => withDigits(locale === 'en' ? 'en-GB' : locale);

/** A day as the recipient writes it (`31 December 2026`, `31 décembre 2026`, `2026年12月31日`), in UTC. */
export function mailDate(locale: Locale, date: Date): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** The days of an activity as the recipient writes them: `1 – 3 December 2026`, `1–3 décembre 2026`; a single day when it is one. */
export function mailDays(locale: Locale, startsOn: string, endsOn: string): string {
  const format = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeZone: 'UTC' });
  const start = new Date(`${startsOn}T00:00:00Z`);
  return startsOn === endsOn ? format.format(start) : format.formatRange(start, new Date(`${endsOn}T00:00:00Z`));
}

/** A count with the recipient's digit grouping. */
export function mailNumber(locale: Locale, value: number): string {
  return new Intl.NumberFormat(intlLocale(locale)).format(value);
}

/** How many whole days ago, in the recipient's words and plural forms: `today`, `yesterday`, `5 days ago`. */
export function mailAge(locale: Locale, since: Date, now: Date = new Date()): string {
  const days = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 86_400_000));
  return new Intl.RelativeTimeFormat(intlLocale(locale), { numeric: 'auto' }).format(-days, 'day');
}

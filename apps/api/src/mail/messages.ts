import type { MailTemplate } from './templates.js';

/**
 * Every message the platform sends: its name, and what it says from its catalog section
 * (`locales/<language>.json`, section of the same name) and its parameters. `url` parameters are
 * links on PUBLIC_URL.
 */
export const MAIL_MESSAGES = {
  /** After registering: the link that confirms the address (params: name, url, hours). */
  confirm_email: (t, p) => ({
    subject: t('subject'),
    paragraphs: [t('intro'), t('expiry')],
    action: { label: t('action'), url: String(p.url) },
  }),
} satisfies Record<string, MailTemplate>;

export type MailMessageName = keyof typeof MAIL_MESSAGES;

import { readFileSync } from 'node:fs';
import { LOCALES, RTL_LOCALES, type Locale } from '@ctlp/contracts';

/**
 * Messages as code: one entry per message, written with keys of the mail catalogs
 * (`locales/<language>.json`, the API's own, not the web app's), rendered in the recipient's
 * language as plain text and as HTML. No tracking pixel, no remote image, no script: the HTML is
 * text, one link button and inline styles, right to left in Arabic.
 */
export type MailParams = Record<string, string | number | null | undefined>;

interface Catalog {
  [key: string]: string | Catalog;
}

const catalogs = Object.fromEntries(
  LOCALES.map((locale) => [locale, JSON.parse(readFileSync(new URL(`./locales/${locale}.json`, import.meta.url), 'utf8')) as Catalog]),
) as Record<Locale, Catalog>;

function lookup(catalog: Catalog, key: string): string | undefined {
  let node: string | Catalog | undefined = catalog;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

/** The catalog entry in this language (English when missing), with `{{name}}` filled in. */
export function translate(locale: Locale, key: string, params: MailParams = {}): string {
  const text = lookup(catalogs[locale], key) ?? lookup(catalogs.en, key);
  if (text === undefined) throw new Error(`Mail catalog has no ${key}`);
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** Every key of the English catalog, for the test that each language has them all. */
export function catalogKeys(locale: Locale = 'en'): string[] {
  const walk = (node: Catalog, prefix: string): string[] =>
    Object.entries(node).flatMap(([key, value]) => (typeof value === 'string' ? [`${prefix}${key}`] : walk(value, `${prefix}${key}.`)));
  return walk(catalogs[locale], '');
}

/** A message before it is laid out: paragraphs of plain text, and at most one link to act on. */
export interface MailContent {
  subject: string;
  paragraphs: string[];
  action?: { label: string; url: string };
}

/** What each message says, from its catalog section and the message's parameters. */
export type MailTemplate = (t: (key: string, extra?: MailParams) => string, params: MailParams) => MailContent;

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Lays a message out as text and HTML in the recipient's language. */
export function renderMail(template: string, definition: MailTemplate, locale: Locale, params: MailParams): RenderedMail {
  const t = (key: string, extra: MailParams = {}) =>
    translate(locale, key.includes('.') ? key : `${template}.${key}`, { ...params, ...extra });
  const content = definition(t, params);
  const greeting = params.name ? translate(locale, 'common.greeting', params) : translate(locale, 'common.greetingNoName');
  const signature = translate(locale, 'common.signature');
  const footer = translate(locale, 'common.footer');
  const linkHint = translate(locale, 'common.linkHint');

  const text = [
    greeting,
    '',
    ...content.paragraphs.flatMap((p) => [p, '']),
    ...(content.action ? [`${content.action.label}: ${content.action.url}`, ''] : []),
    signature,
    '',
    '--',
    footer,
  ].join('\n');

  const dir = RTL_LOCALES.includes(locale) ? 'rtl' : 'ltr';
  const paragraph = (p: string) => `<p style="margin:0 0 16px">${escapeHtml(p)}</p>`;
  const action = content.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(content.action.url)}" style="background:#0b4f8a;color:#ffffff;padding:12px 20px;border-radius:4px;text-decoration:none;display:inline-block">${escapeHtml(content.action.label)}</a></p>
<p style="margin:0 0 16px;font-size:13px;color:#555555">${escapeHtml(linkHint)}<br><span style="word-break:break-all">${escapeHtml(content.action.url)}</span></p>`
    : '';
  const html = `<!doctype html>
<html lang="${locale}" dir="${dir}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(content.subject)}</title></head>
<body style="margin:0;padding:24px;background:#f4f6f8;font-family:Arial,'Noto Sans',sans-serif;color:#1b1b1b;line-height:1.5">
<div dir="${dir}" style="max-width:560px;margin:0 auto;background:#ffffff;padding:24px;border-radius:6px;text-align:start">
${paragraph(greeting)}
${content.paragraphs.map(paragraph).join('\n')}
${action}
${paragraph(signature)}
<hr style="border:none;border-top:1px solid #dddddd;margin:24px 0">
<p style="margin:0;font-size:12px;color:#666666">${escapeHtml(footer)}</p>
</div>
</body>
</html>`;
  return { subject: content.subject, text, html };
}

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { RTL_LOCALES, type Locale } from '@ctlp/contracts';

/** The source of the public pages' own script in the web app's build manifest (apps/web/src/public-page.ts). */
const PUBLIC_PAGE_SCRIPT = 'src/public-page.ts';

/**
 * The built shell (dist/index.html) made into the frame of a server-rendered public page: its
 * stylesheet inlined (one request less before the first paint, and the page is styled by the time
 * it shows), the page's language and direction, the rendered markup in #root, and in place of the
 * app's scripts only the public pages' small one. Those pages are plain HTML (links and GET forms)
 * and are not hydrated: the app's code loads on the first page that needs it.
 */
export class PageTemplate {
  private readonly head: string;
  private readonly tail: string;

  constructor(webDist: string, shell: string) {
    const manifest = JSON.parse(readFileSync(path.join(webDist, '.vite/manifest.json'), 'utf8')) as Record<string, { file: string }>;
    const script = manifest[PUBLIC_PAGE_SCRIPT]?.file;
    if (!script) throw new Error(`The web app's build has no ${PUBLIC_PAGE_SCRIPT} entry`);
    let html = shell;
    html = html.replace(/<link rel="stylesheet"[^>]*href="\/([^"]+\.css)"[^>]*>/g, (_tag, file: string) => {
      const css = readFileSync(path.join(webDist, file), 'utf8');
      return `<style>${css.replace(/<\/style/gi, '<\\/style')}</style>`;
    });
    // The app's entry and what it preloads, replaced by the public pages' script.
    html = html.replace(/\s*<link rel="modulepreload"[^>]*>/g, '');
    html = html.replace(
      /<script type="module"[^>]*src="\/assets\/[^"]+"[^>]*><\/script>/,
      `<script type="module" crossorigin src="/${script}"></script>`,
    );
    const [head, tail] = html.split('<div id="root"></div>');
    if (tail === undefined || !head?.includes('<html lang="en" dir="ltr">') || !head.includes(script))
      throw new Error('dist/index.html is not the shell this server expects');
    this.head = head;
    this.tail = tail;
  }

  page(locale: Locale, markup: string): string {
    const dir = RTL_LOCALES.includes(locale) ? 'rtl' : 'ltr';
    return (
      this.head.replace('<html lang="en" dir="ltr">', `<html lang="${locale}" dir="${dir}">`) + `<div id="root">${markup}</div>` + this.tail
    );
  }
}

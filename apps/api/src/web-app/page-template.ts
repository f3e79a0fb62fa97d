import { readFileSync } from 'node:fs';
import path from 'node:path';
import { RTL_LOCALES, type Locale } from '@ctlp/contracts';

interface ManifestChunk {
  file: string;
  imports?: string[];
}

/**
 * The built shell (dist/index.html) made into the frame of a server-rendered page: its stylesheet
 * inlined (one request less before the first paint, and the page is styled by the time it shows),
 * the page's language and direction, the chunks of the page's route preloaded beside the shell's,
 * the rendered markup in #root and the page's data for hydration.
 */
export class PageTemplate {
  private readonly head: string;
  private readonly tail: string;
  private readonly manifest: Record<string, ManifestChunk>;
  private readonly shellFiles: Set<string>;

  constructor(
    webDist: string,
    readonly shell: string,
  ) {
    this.manifest = JSON.parse(readFileSync(path.join(webDist, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
    let html = shell;
    html = html.replace(/<link rel="stylesheet"[^>]*href="\/([^"]+\.css)"[^>]*>/g, (_tag, file: string) => {
      const css = readFileSync(path.join(webDist, file), 'utf8');
      return `<style>${css.replace(/<\/style/gi, '<\\/style')}</style>`;
    });
    // The English catalog the shell preloads as its fallback: a rendered page brings its own.
    const fallbackCatalog = this.manifest['src/locales/en/common.json']?.file;
    if (fallbackCatalog) html = html.replace(new RegExp(`\\s*<link rel="modulepreload"[^>]*href="/${fallbackCatalog}"[^>]*>`), '');
    this.shellFiles = new Set([...html.matchAll(/(?:src|href)="\/([^"]+)"/g)].map((match) => match[1]!));
    const [head, tail] = html.split('<div id="root"></div>');
    if (tail === undefined || !head?.includes('<html lang="en" dir="ltr">'))
      throw new Error('dist/index.html is not the shell this server expects');
    this.head = head;
    this.tail = tail;
  }

  /** The chunk files of these source modules and what they import, less those the shell loads anyway. */
  preloads(modules: string[]): string[] {
    const files = new Set<string>();
    const visit = (key: string) => {
      const chunk = this.manifest[key];
      if (!chunk || files.has(chunk.file)) return;
      files.add(chunk.file);
      chunk.imports?.forEach(visit);
    };
    modules.forEach(visit);
    return [...files].filter((file) => !this.shellFiles.has(file));
  }

  page(locale: Locale, markup: string, data: string, modules: string[]): string {
    const dir = RTL_LOCALES.includes(locale) ? 'rtl' : 'ltr';
    const preloads = this.preloads(modules)
      .map((file) => `<link rel="modulepreload" crossorigin href="/${file}">`)
      .join('');
    return (
      this.head.replace('<html lang="en" dir="ltr">', `<html lang="${locale}" dir="${dir}">`).replace('</head>', `${preloads}</head>`) +
      `<div id="root">${markup}</div><script type="application/json" id="ctlp-rendered">${data}</script>` +
      this.tail
    );
  }
}

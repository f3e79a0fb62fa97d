import { useTranslation } from 'react-i18next';
import { RTL_LOCALES } from '@ctlp/contracts';
import { formatDuration } from './duration';
import { numberFormat } from '../../intl';

/** Progress in %, as a native <progress> so screen readers announce it. */
export function ProgressBar({ value, label }: { value: number; label: string }) {
  const { i18n } = useTranslation();
  const percent = numberFormat(i18n.language, { style: 'percent' }).format(value / 100);
  return (
    <div className="progress">
      <progress max={100} value={value} aria-label={label}>
        {percent}
      </progress>
      <span aria-hidden="true">{percent}</span>
    </div>
  );
}

/** HTML the API rendered from Markdown and sanitized; nothing else goes through here. */
export function SanitizedHtml({ html, className = 'prose' }: { html: string; className?: string }) {
  return <div className={className} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** "1 hour 30 minutes" in the reader's language. */
export function useDuration() {
  const { i18n } = useTranslation();
  return (minutes: number) => formatDuration(minutes, i18n.language);
}

/** The player URL for a video page on an allowed host; undefined when it cannot be embedded. */
export function videoEmbedUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    const host = parsed.hostname.replace(/^www\./, '');
    if (host === 'youtube.com' || host === 'youtube-nocookie.com') {
      const id = parsed.searchParams.get('v') ?? parsed.pathname.match(/^\/(?:embed|shorts)\/([\w-]+)/)?.[1];
      return id ? `https://www.youtube-nocookie.com/embed/${encodeURIComponent(id)}` : undefined;
    }
    if (host === 'youtu.be') return `https://www.youtube-nocookie.com/embed/${encodeURIComponent(parsed.pathname.slice(1))}`;
    if (host === 'vimeo.com') {
      const id = parsed.pathname.match(/^\/(\d+)/)?.[1];
      return id ? `https://player.vimeo.com/video/${id}` : undefined;
    }
    if (host === 'player.vimeo.com') return url;
  } catch {
    return undefined;
  }
  return undefined;
}

/** Course content keeps its own language and direction inside a page in another one. */
export function contentLang(language: string): { lang: string; dir: 'rtl' | 'ltr' } {
  return { lang: language, dir: (RTL_LOCALES as readonly string[]).includes(language) ? 'rtl' : 'ltr' };
}

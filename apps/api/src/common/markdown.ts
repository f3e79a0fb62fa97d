import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { EMBED_HOSTS } from './security-headers.js';

/** Hosts whose players may be embedded, in Markdown iframes and in video lessons. */
export const VIDEO_HOSTS = ['www.youtube.com', 'youtube.com', 'youtu.be', 'www.youtube-nocookie.com', 'vimeo.com', 'player.vimeo.com'];

const markdown = new MarkdownIt({ html: true, linkify: true, typographer: false });

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'p',
    'blockquote',
    'ul',
    'ol',
    'li',
    'strong',
    'em',
    'code',
    'pre',
    'hr',
    'br',
    'a',
    'img',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'del',
    's',
    'sup',
    'sub',
    'figure',
    'figcaption',
    'iframe',
  ],
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'title'],
    th: ['align'],
    td: ['align'],
    iframe: ['src', 'title', 'allowfullscreen'],
  },
  // No javascript:, data: or vbscript: anywhere; images only over https or from this site.
  allowedSchemes: ['https', 'http', 'mailto'],
  allowedSchemesByTag: { img: ['https'] },
  allowProtocolRelative: false,
  // The CSP's frame-src is built from the same list, so a kept player also shows.
  allowedIframeHostnames: [...EMBED_HOSTS],
  allowIframeRelativeUrls: false,
  disallowedTagsMode: 'discard',
  // An iframe whose source was not an allowed player has lost its src: drop the empty frame.
  exclusiveFilter: (frame) => frame.tag === 'iframe' && !frame.attribs.src,
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer nofollow' } }),
  },
};

/** Authored Markdown to HTML that is safe to insert into a page. */
export function renderMarkdown(source: string): string {
  return sanitizeHtml(markdown.render(source), {
    ...SANITIZE,
    allowedAttributes: { ...SANITIZE.allowedAttributes, a: ['href', 'title', 'rel'] },
  });
}

export function isAllowedVideoUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && VIDEO_HOSTS.includes(parsed.hostname);
  } catch {
    return false;
  }
}

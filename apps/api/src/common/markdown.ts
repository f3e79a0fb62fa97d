import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { EMBED_HOSTS } from './security-headers.js';

/** Hosts whose players may be embedded, in Markdown iframes and in video lessons. */
export const VIDEO_HOSTS = ['www.youtube.com', 'youtube.com', 'youtu.be', 'www.youtube-nocookie.com', 'vimeo.com', 'player.vimeo.com'];

/** A rendition of a course cover: the one platform-served image a lesson may show, and a plain read. */
const COVER_PATH = /^\/api\/courses\/[0-9a-f-]{36}\/cover\/\d+\.webp(\?v=\d+)?$/i;

/**
 * Whether an image may be shown in authored content. An `<img>` makes every reader's browser send
 * a GET with their cookie, so a relative or same-site API URL would run that request as whoever
 * opens the lesson (an admin opening a lesson could be made to fetch an export). Only absolute
 * https URLs outside the platform's `/api/` and the platform's own cover images are kept.
 */
export function isAllowedImageSource(src: string): boolean {
  if (COVER_PATH.test(src)) return true;
  if (!/^https:\/\//i.test(src)) return false;
  try {
    return !/^\/api(\/|$)/i.test(new URL(src).pathname);
  } catch {
    return false;
  }
}

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
  // No javascript:, data: or vbscript: anywhere; images only as isAllowedImageSource says.
  allowedSchemes: ['https', 'http', 'mailto'],
  allowedSchemesByTag: { img: ['https'] },
  allowProtocolRelative: false,
  // The CSP's frame-src is built from the same list, so a kept player also shows.
  allowedIframeHostnames: [...EMBED_HOSTS],
  allowIframeRelativeUrls: false,
  disallowedTagsMode: 'discard',
  // An iframe whose source was not an allowed player has lost its src: drop the empty frame; an
  // image from anywhere but another site or a course cover is dropped whole.
  exclusiveFilter: (frame) =>
    (frame.tag === 'iframe' && !frame.attribs.src) || (frame.tag === 'img' && !isAllowedImageSource(frame.attribs.src ?? '')),
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

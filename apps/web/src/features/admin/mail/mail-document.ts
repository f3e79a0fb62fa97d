/**
 * The HTML of a message as the document of a sandboxed frame. The frame's sandbox (no scripts, no
 * forms, no navigation of the page; links open a new tab) keeps its HTML from acting; this policy
 * also keeps it from loading anything from anywhere (no tracking image learns that an admin read it).
 */
export const MAIL_FRAME_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

const OURS = `<meta http-equiv="Content-Security-Policy" content="${MAIL_FRAME_POLICY}"><base target="_blank">`;

/** The message's document with our policy first in its head, so that it holds from the first tag that could load something. */
export function mailDocument(html: string): string {
  const head = /<head(?:\s[^>]*)?>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + OURS + html.slice(head.index + head[0].length);
  // A fragment: a document of our own around it.
  return `<!doctype html><html><head><meta charset="utf-8">${OURS}</head><body>${html}</body></html>`;
}

/**
 * The HTML of a message as the document of a sandboxed frame. The frame's sandbox (no scripts, no
 * forms, no navigation of the page; links open a new tab) keeps its HTML from acting; this policy also keeps
 * it from loading anything from anywhere (no tracking image reports that an admin read it).
 */
export const MAIL_FRAME_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

export function mailDocument(html: string): string {
  const head = `<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${MAIL_FRAME_POLICY}"><base target="_blank">`;
  // Before anything of the message's own, so that its policy holds from the first tag.
  return `<!doctype html><html><head>${head}</head><body>${html}</body></html>`;
}

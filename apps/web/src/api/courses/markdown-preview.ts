import { api, unwrap } from '../client';

/** Markdown rendered and sanitized by the API, exactly as learners will see it. */
export function previewMarkdown(markdown: string): Promise<string> {
  return unwrap(api.POST('/api/markdown/preview', { body: { markdown } })).then((result) => result.html);
}

import type { DehydratedState } from '@tanstack/react-query';
import type { HydrationState } from 'react-router';
import type { Locale } from '@ctlp/contracts';
import { ApiError } from './api/client';
import type { Resources } from './i18n';

/**
 * What a page rendered on the server hands to the browser, as JSON in
 * `<script type="application/json" id="ctlp-rendered">` (data, not a script: the CSP allows no
 * inline script): its language and catalogs, the queries it read, the router's loader state.
 */
export interface RenderedPage {
  locale: Locale;
  resources: Resources;
  queries: DehydratedState;
  router: HydrationState;
}

export const RENDERED_PAGE_ID = 'ctlp-rendered';

/**
 * JSON safe inside an HTML `<script>`: no `<` (so no `</script>` or `<!--`), and the two line
 * separators that older JavaScript parsers took for line ends, as escapes.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The server's page data, when this page came rendered (else the plain shell: #root is empty). */
export function readRenderedPage(): RenderedPage | undefined {
  const element = document.getElementById(RENDERED_PAGE_ID);
  if (!element?.textContent || !document.getElementById('root')?.hasChildNodes()) return undefined;
  const page = JSON.parse(element.textContent) as RenderedPage;
  // A failed query crossed as JSON: an ApiError again, so pages tell a 404 from other failures.
  for (const query of page.queries.queries) {
    const error = query.state.error as { status?: number; code?: ApiError['code']; params?: ApiError['params'] } | null;
    if (error) query.state.error = new ApiError(error.status ?? 0, error.code, error.params ?? {});
  }
  return page;
}

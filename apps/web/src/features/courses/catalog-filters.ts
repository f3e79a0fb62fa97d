import { isTopic, LOCALES, type Locale } from '@ctlp/contracts';
import type { CatalogFilters } from '../../api/courses/use-catalog';

export const CATALOG_PAGE_SIZE = 12;

/** The catalog's search, topic, language and page, as the address holds them. */
export function catalogFilters(params: URLSearchParams): CatalogFilters {
  const language = params.get('language');
  const topic = params.get('topic');
  return {
    limit: CATALOG_PAGE_SIZE,
    offset: Number(params.get('offset')) || 0,
    ...(params.get('q') ? { q: params.get('q')! } : {}),
    // A topic outside the vocabulary (an old link) is left out: the API would refuse it.
    ...(isTopic(topic) ? { topic } : {}),
    ...(language && (LOCALES as readonly string[]).includes(language) ? { language: language as Locale } : {}),
  };
}

import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { currentLocale } from '../../i18n';
import { api, unwrap, type Schemas } from '../client';

export type CourseSummary = Schemas['CourseSummaryDto'];

export interface CatalogFilters {
  q?: string;
  topic?: Schemas['Topic'];
  language?: Schemas['Locale'];
  /** The language each family shows in when it has a version in it; default: the interface's. */
  lang?: Schemas['Locale'];
  limit: number;
  offset: number;
}

export const catalogKeys = {
  all: ['courses', 'catalog'] as const,
  list: (filters: CatalogFilters) => [...catalogKeys.all, filters] as const,
};

/** Published courses the caller may see, a page at a time, each family of language versions once, in the reader's language when it can. */
export const catalogQuery = (filters: CatalogFilters) => {
  const query = { lang: currentLocale(), ...filters };
  return queryOptions({
    queryKey: catalogKeys.list(query),
    queryFn: () => unwrap(api.GET('/api/courses', { params: { query } })),
    placeholderData: keepPreviousData,
  });
};

export function useCatalog(filters: CatalogFilters) {
  return useQuery(catalogQuery(filters));
}

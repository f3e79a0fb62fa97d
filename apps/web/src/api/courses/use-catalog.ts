import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../client';

export type CourseSummary = Schemas['CourseSummaryDto'];

export interface CatalogFilters {
  q?: string;
  topic?: Schemas['Topic'];
  language?: Schemas['Locale'];
  limit: number;
  offset: number;
}

export const catalogKeys = {
  all: ['courses', 'catalog'] as const,
  list: (filters: CatalogFilters) => [...catalogKeys.all, filters] as const,
};

/** Published courses the caller may see, a page at a time. */
export const catalogQuery = (filters: CatalogFilters) =>
  queryOptions({
    queryKey: catalogKeys.list(filters),
    queryFn: () => unwrap(api.GET('/api/courses', { params: { query: filters } })),
    placeholderData: keepPreviousData,
  });

export function useCatalog(filters: CatalogFilters) {
  return useQuery(catalogQuery(filters));
}

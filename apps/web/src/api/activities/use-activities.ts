import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { paths } from '@ctlp/contracts';
import { api, unwrap } from '../client';

export type ActivityFilters = NonNullable<paths['/api/activities']['get']['parameters']['query']>;

/** A page of the activities list. */
export const ACTIVITIES_PAGE_SIZE = 25;

export const activitiesKeys = {
  all: ['activities', 'list'] as const,
  list: (filters: ActivityFilters) => [...activitiesKeys.all, filters] as const,
};

/** The activities the caller may see (their own; their State's for a focal point; all for an admin). */
export const activitiesQuery = (filters: ActivityFilters) =>
  queryOptions({
    queryKey: activitiesKeys.list(filters),
    queryFn: () => unwrap(api.GET('/api/activities', { params: { query: filters } })),
    placeholderData: keepPreviousData,
  });

export function useActivities(filters: ActivityFilters) {
  return useQuery(activitiesQuery(filters));
}

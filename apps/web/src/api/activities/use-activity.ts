import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../client';

export type Activity = Schemas['ActivityDto'];

export const activityKeys = {
  all: ['activities', 'one'] as const,
  detail: (id: string) => [...activityKeys.all, id] as const,
};

/** One activity with its organisers, counts and whether the caller may change it. */
export const activityQuery = (id: string) =>
  queryOptions({
    queryKey: activityKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/activities/{id}', { params: { path: { id } } })),
  });

export function useActivity(id: string, enabled = true) {
  return useQuery({ ...activityQuery(id), enabled });
}

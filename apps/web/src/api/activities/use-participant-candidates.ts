import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../client';

export const candidatesKeys = {
  all: ['activities', 'candidates'] as const,
  search: (activityId: string, q: string) => [...candidatesKeys.all, activityId, q] as const,
};

/** Registered officials whose name or email matches `q` (two characters at least), to add to an activity. */
export const candidatesQuery = (activityId: string, q: string) =>
  queryOptions({
    queryKey: candidatesKeys.search(activityId, q),
    queryFn: () => unwrap(api.GET('/api/activities/{id}/participant-candidates', { params: { path: { id: activityId }, query: { q } } })),
    placeholderData: keepPreviousData,
  });

export function useParticipantCandidates(activityId: string, q: string) {
  return useQuery({ ...candidatesQuery(activityId, q), enabled: q.trim().length >= 2 });
}

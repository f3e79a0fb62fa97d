import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../client';

export type ParticipantList = Schemas['ActivityParticipantListDto'];
export type ActivityParticipant = Schemas['ActivityParticipantDto'];

export const participantsKeys = {
  all: ['activities', 'participants'] as const,
  list: (activityId: string) => [...participantsKeys.all, activityId] as const,
};

/** Everyone placed in an activity, with their attendance on each of its days. */
export const participantsQuery = (activityId: string) =>
  queryOptions({
    queryKey: participantsKeys.list(activityId),
    queryFn: () => unwrap(api.GET('/api/activities/{id}/participants', { params: { path: { id: activityId }, query: {} } })),
  });

export function useParticipants(activityId: string) {
  return useQuery(participantsQuery(activityId));
}

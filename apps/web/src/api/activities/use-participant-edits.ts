import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../client';
import { activityKeys } from './use-activity';
import { candidatesKeys } from './use-participant-candidates';
import { participantsKeys, type ParticipantList } from './use-participants';

/** Who is in the activity changed: its list, its counts and who the search offers. */
export function participantsChanged(client: QueryClient, activityId: string) {
  return Promise.all([
    client.invalidateQueries({ queryKey: participantsKeys.list(activityId) }),
    client.invalidateQueries({ queryKey: activityKeys.detail(activityId) }),
    client.invalidateQueries({ queryKey: [...candidatesKeys.all, activityId] }),
  ]);
}

/** Registered officials by account, or people as a list names them; one answer per person, in order. */
export function useAddParticipants() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ activityId, participants }: { activityId: string; participants: Schemas['ParticipantItemDto'][] }) =>
      unwrap(api.POST('/api/activities/{id}/participants', { params: { path: { id: activityId } }, body: { participants } })),
    onSuccess: (_, { activityId }) => participantsChanged(client, activityId),
  });
}

/** Takes a person out of the activity, with their attendance in it. */
export function useRemoveParticipant() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ activityId, id }: { activityId: string; id: string }) =>
      unwrap(
        api.DELETE('/api/activities/{id}/participants/{activityParticipantId}', {
          params: { path: { id: activityId, activityParticipantId: id } },
        }),
      ),
    onSuccess: (_, { activityId }) => participantsChanged(client, activityId),
  });
}

/**
 * Participant, trainer or speaker. The answer is the place as it now is and goes straight into the
 * list; changes to the same person go one after the other, so the last one chosen is the one kept.
 */
export function useSetParticipantRole(activityId: string, id: string) {
  const client = useQueryClient();
  return useMutation({
    scope: { id: `participant-role:${id}` },
    mutationFn: (role: Schemas['ParticipantRole']) =>
      unwrap(
        api.PATCH('/api/activities/{id}/participants/{activityParticipantId}', {
          params: { path: { id: activityId, activityParticipantId: id } },
          body: { role },
        }),
      ),
    onSuccess: (place) =>
      client.setQueryData<ParticipantList>(participantsKeys.list(activityId), (list) =>
        list ? { ...list, items: list.items.map((item) => (item.id === place.id ? place : item)) } : list,
      ),
  });
}

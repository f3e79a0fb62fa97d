import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import { withAttendance } from './attendance-cache';
import { activityKeys } from './use-activity';
import { participantsKeys, type ParticipantList } from './use-participants';

/**
 * Present or absent on one day; the answer says whether the person has now completed the activity.
 * Changes to the same box go one after the other (a mutation scope), so quick clicks land in order.
 */
export function useRecordAttendance(activityId: string, participantId: string, day: string) {
  const client = useQueryClient();
  return useMutation({
    scope: { id: `attendance:${participantId}:${day}` },
    mutationFn: (present: boolean) =>
      unwrap(
        api.POST('/api/activities/{id}/attendance', { params: { path: { id: activityId } }, body: { participantId, date: day, present } }),
      ),
    onSuccess: (result) => {
      client.setQueryData<ParticipantList>(participantsKeys.list(activityId), (list) => (list ? withAttendance(list, result) : list));
      // The activity's count of those who completed it may have moved.
      return client.invalidateQueries({ queryKey: activityKeys.detail(activityId) });
    },
  });
}

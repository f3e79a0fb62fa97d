import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../client';
import { activitiesKeys } from './use-activities';
import { activityKeys, type Activity } from './use-activity';

/** The answer is the activity as it now is; the lists that show it are fetched again. */
function activityChanged(client: QueryClient, activity: Activity) {
  client.setQueryData(activityKeys.detail(activity.id), activity);
  return client.invalidateQueries({ queryKey: activitiesKeys.all });
}

export function useCreateActivity() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateActivityDto']) => unwrap(api.POST('/api/activities', { body })),
    onSuccess: (activity) => activityChanged(client, activity),
  });
}

export function useUpdateActivity() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: Schemas['UpdateActivityDto'] }) =>
      unwrap(api.PATCH('/api/activities/{id}', { params: { path: { id } }, body })),
    onSuccess: (activity) => activityChanged(client, activity),
  });
}

/** Planned → held → closed. */
export function useActivityStatus() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, to }: { id: string; to: 'hold' | 'close' }) =>
      to === 'hold'
        ? unwrap(api.POST('/api/activities/{id}/hold', { params: { path: { id } } }))
        : unwrap(api.POST('/api/activities/{id}/close', { params: { path: { id } } })),
    onSuccess: (activity) => activityChanged(client, activity),
  });
}

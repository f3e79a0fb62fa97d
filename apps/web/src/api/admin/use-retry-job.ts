import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import { failedJobsKeys } from './use-failed-jobs';
import { mailKeys } from './use-mail';

/** Puts a failed job back in its queue. It leaves the dead letters; a mail job may add a message. */
export function useRetryJob() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/admin/jobs/{id}/retry', { params: { path: { id } } })),
    onSuccess: () =>
      Promise.all([client.invalidateQueries({ queryKey: failedJobsKeys.all }), client.invalidateQueries({ queryKey: mailKeys.all })]),
  });
}
